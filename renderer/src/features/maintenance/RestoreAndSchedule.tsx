// Restore in the app (admin), with the checks of `sohoa restore`: the backup folder, a new
// folder to restore into, the archive key's fingerprint the admin types after comparing it
// with the one noted at backup time, and the backup passphrase. And the daily backup: a
// folder, how many to keep, the passphrase (held in the core's memory only).
import { Alert, Button, Card, Form, Input, InputNumber, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupStatus, RestoreReport } from '../../../../shared/safety-contract';
import { call } from '../../api/bridge';
import { useCall } from '../../components/useCall';
import { formatDateTime } from '../../format';

type Failure = { error?: { code: string; params?: Record<string, string | number> } };

export function RestoreCard() {
  const { t } = useTranslation();
  const { run } = useCall();
  const [form] = Form.useForm<{ dir: string; target: string; fingerprint?: string; passphrase?: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [shown, setShown] = useState<string | null>(null);
  const [done, setDone] = useState<RestoreReport | null>(null);
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    setDone(null);
    const r = await run(
      () => call('maintenance.restore', v),
      (text, e) => {
        const err = (e as Failure).error;
        // the backup's own fingerprint is shown to compare, never filled in for the admin
        if (err?.code === 'RESTORE_KEY_UNCONFIRMED') setShown(String(err.params?.fingerprint ?? ''));
        setError(text);
      },
    );
    setBusy(false);
    if (r) setDone(r);
  };
  return (
    <Card title={t('restore.title')} data-testid="restore-card">
      <Typography.Paragraph type="secondary">{t('restore.hint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" style={{ maxWidth: 760 }}>
        <Form.Item name="dir" label={t('restore.dir')} rules={[{ required: true }]}>
          <Input data-testid="restore-dir" />
        </Form.Item>
        <Form.Item name="target" label={t('restore.target')} rules={[{ required: true }]}>
          <Input data-testid="restore-target" />
        </Form.Item>
        <Form.Item name="fingerprint" label={t('restore.fingerprint')}>
          <Input data-testid="restore-fingerprint" autoComplete="off" />
        </Form.Item>
        <Form.Item name="passphrase" label={t('restore.passphrase')}>
          <Input.Password data-testid="restore-passphrase" autoComplete="off" />
        </Form.Item>
        <Button type="primary" loading={busy} onClick={submit} data-testid="restore-start">
          {t('restore.start')}
        </Button>
      </Form>
      {shown && !done && (
        <Alert style={{ marginTop: 12 }} type="warning" showIcon message={t('restore.confirmKey')} description={<Typography.Text code data-testid="restore-shown-key">{shown}</Typography.Text>} />
      )}
      {error && <Alert style={{ marginTop: 12 }} type="error" showIcon message={error} data-testid="restore-error" />}
      {done && (
        <Alert
          style={{ marginTop: 12 }}
          type="success"
          showIcon
          data-testid="restore-done"
          message={t('restore.done', { files: done.files, dir: done.dataDir, documents: done.counts.documents, signatures: done.counts.signatures, audit: done.counts.auditRows, when: formatDateTime(done.createdAt), key: done.keyFingerprint })}
        />
      )}
    </Card>
  );
}

export function ScheduleCard() {
  const { t } = useTranslation();
  const { run } = useCall();
  const [status, setStatus] = useState<BackupStatus | null>(null);
  const [dir, setDir] = useState('');
  const [keep, setKeep] = useState(7);
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void run(() => call('maintenance.status', {})).then((s) => {
      if (!s) return;
      setStatus(s);
      if (!s.schedule) return;
      setDir(s.schedule.dir);
      setKeep(s.schedule.keep);
    });
  }, [run]);
  const save = (on: boolean) =>
    run(async () => {
      setError(null);
      const s = await call('maintenance.schedule', { schedule: on ? { dir: dir.trim(), keep } : null, passphrase: passphrase || undefined });
      setStatus(s);
      setPassphrase('');
    }, setError);
  return (
    <Card title={t('schedule.title')} data-testid="schedule-card">
      <Typography.Paragraph type="secondary">{t('schedule.hint')}</Typography.Paragraph>
      <Space wrap>
        <Input style={{ width: 420 }} placeholder={t('schedule.dir')} aria-label={t('schedule.dir')} value={dir} onChange={(e) => setDir(e.target.value)} data-testid="schedule-dir" />
        <Space.Compact>
          <Input style={{ width: 60 }} disabled value={t('schedule.keep')} />
          <InputNumber min={1} max={365} value={keep} onChange={(v) => setKeep(v ?? 7)} data-testid="schedule-keep" aria-label={t('schedule.keep')} />
          <Input style={{ width: 130 }} disabled value={t('schedule.keepUnit')} />
        </Space.Compact>
        <Input.Password style={{ width: 240 }} placeholder={t('restore.passphrase')} aria-label={t('restore.passphrase')} value={passphrase} onChange={(e) => setPassphrase(e.target.value)} data-testid="schedule-passphrase" autoComplete="new-password" />
        <Button type="primary" disabled={!dir.trim()} onClick={() => save(true)} data-testid="schedule-save">
          {t('schedule.save')}
        </Button>
        {status?.schedule && <Button onClick={() => save(false)}>{t('schedule.off')}</Button>}
      </Space>
      {status?.schedule && <Alert style={{ marginTop: 12 }} type="info" showIcon message={t('schedule.on', { dir: status.schedule.dir, keep: status.schedule.keep })} data-testid="schedule-on" />}
      {error && <Alert style={{ marginTop: 12 }} type="error" showIcon message={error} data-testid="schedule-error" />}
    </Card>
  );
}
