// The last backup's age on the admin's home: a warning when it is older than 2 days, when
// the last run failed, when there never was one, or when the daily backup waits for its passphrase.
import { Alert, Button } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupStatus } from '../../../../shared/safety-contract';
import { call } from '../../api/bridge';
import { navigate } from '../../app/router';
import { formatDateTime } from '../../format';
import { useErrorText } from '../../i18n';

export function BackupAgeAlert() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [s, setS] = useState<BackupStatus | null>(null);
  useEffect(() => {
    call('maintenance.status', {}).then(setS, () => undefined);
  }, []);
  if (!s) return null;
  const h = s.ageHours ?? 0;
  const age = h < 48 ? t('backupAge.hours', { count: Math.floor(h) }) : t('backupAge.days', { count: Math.floor(h / 24) });
  const when = s.lastOkAt ? formatDateTime(s.lastOkAt) : '';
  const [type, text] = s.needsPassphrase
    ? (['warning', t('backupAge.passphrase')] as const)
    : s.warn === 'failed'
      ? (['error', t('backupAge.failed', { error: errorText({ error: s.lastError }) })] as const)
      : s.lastOkAt === null
        ? (['warning', t('backupAge.never')] as const)
        : s.warn === 'old'
          ? (['warning', t('backupAge.old', { age, when })] as const)
          : (['success', t('backupAge.ok', { age, when })] as const);
  return (
    <Alert
      type={type}
      showIcon
      style={{ marginBottom: 16 }}
      message={text}
      data-testid="backup-age"
      action={type !== 'success' && <Button size="small" onClick={() => navigate('maintenance')}>{t('backupAge.open')}</Button>}
    />
  );
}
