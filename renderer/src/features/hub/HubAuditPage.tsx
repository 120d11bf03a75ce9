// Kiểm tra nhật ký: walks the hub's hash-chained audit log and says whether it is whole, or
// the first row where it breaks.
import { Alert, Button, Card, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCall } from '../../components/useCall';
import { hubCall } from './hub-api';

export function HubAuditPage() {
  const { t } = useTranslation();
  const { run } = useCall();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ rows: number; brokenAt: number | null } | null>(null);
  const verify = async () => {
    setBusy(true);
    const r = await run(() => hubCall('hub.auditVerify', {}));
    setBusy(false);
    if (r) setResult(r);
  };
  return (
    <Card title={t('hub.audit.title')}>
      <Typography.Paragraph type="secondary">{t('hub.audit.hint')}</Typography.Paragraph>
      <Button type="primary" onClick={verify} loading={busy} data-testid="audit-verify">
        {t('hub.audit.verify')}
      </Button>
      {result && (
        <Alert
          style={{ marginTop: 16 }}
          showIcon
          data-testid="audit-result"
          type={result.brokenAt === null ? 'success' : 'error'}
          message={result.brokenAt === null ? t('hub.audit.intact', { rows: result.rows }) : t('hub.audit.broken', { at: result.brokenAt, rows: result.rows })}
        />
      )}
    </Card>
  );
}
