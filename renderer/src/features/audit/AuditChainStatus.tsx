// The audit log's hash chain, checked when the screen opens: intact, or the first row that
// was changed, removed or written around the app.
import { Alert, Button } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditChainStatus as Status } from '../../../../shared/maintenance-contract';
import { call } from '../../api/bridge';
import { formatDateTime } from '../../format';
import { useCall } from '../../components/useCall';

export function AuditChainStatus() {
  const { t } = useTranslation();
  const { run } = useCall();
  const [st, setSt] = useState<Status | null>(null);
  const [error, setError] = useState<string | null>(null);
  const check = () => run(() => call('audit.verify', {}).then(setSt), setError);
  useEffect(() => void check(), []); // eslint-disable-line react-hooks/exhaustive-deps
  const again = <Button size="small" onClick={check}>{t('auditChain.again')}</Button>;
  if (error) return <Alert type="error" showIcon message={error} />;
  if (!st) return null;
  if (st.ok)
    return <Alert type="success" showIcon data-testid="audit-chain" message={t('auditChain.ok', { rows: st.rows })} description={st.head ? t('auditChain.head', { head: st.head }) : null} action={again} />;
  const b = st.firstBroken!;
  return (
    <Alert
      type="error"
      showIcon
      data-testid="audit-chain"
      message={t('auditChain.broken', { id: b.id })}
      description={t('auditChain.brokenDetail', { id: b.id, at: formatDateTime(b.at), action: b.action, reason: t(`auditChain.reason.${b.reason}`) })}
      action={again}
    />
  );
}
