// "Đồng bộ lên tỉnh" (admin): the province hub this desk sends to, its pinned certificate,
// what waits and the last error; enrolment with a one-time code; "Gửi ngay" with progress.
import { Alert, Button, Card, Descriptions, Form, Input, Progress, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HubStatus } from '../../../../shared/sync-contract';
import { call } from '../../api/bridge';
import { useCall } from '../../components/useCall';
import { formatDateTime } from '../../format';
import { useErrorText } from '../../i18n';

/** A fingerprint in groups of four, so two people can read it out to each other. */
const grouped = (fp: string) => fp.match(/.{1,4}/g)?.join(' ') ?? fp;

function EnrolForm({ onDone }: { onDone: (s: HubStatus) => void }) {
  const { t } = useTranslation();
  const { run } = useCall();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: { url: string; code: string; fingerprint?: string }) => {
    setError(null);
    setBusy(true);
    const s = await run(() => call('hub.enrol', { url: v.url.trim(), code: v.code.trim(), fingerprint: v.fingerprint?.trim() || undefined }), setError);
    setBusy(false);
    if (s) onDone(s);
  };
  return (
    <Form layout="vertical" onFinish={submit} data-testid="hub-enrol-form">
      <Form.Item name="url" label={t('sync.url')} rules={[{ required: true, pattern: /^https:\/\//i, message: t('sync.httpsOnly') }]}>
        <Input placeholder="https://sohoa.thanhhoa.gov.vn" data-testid="hub-url" />
      </Form.Item>
      <Form.Item name="code" label={t('sync.code')} rules={[{ required: true, min: 8, message: t('sync.codeHint') }]}>
        <Input placeholder="ABCDE-FGHJK-LMNPQ-RSTUV" data-testid="hub-code" />
      </Form.Item>
      <Form.Item name="fingerprint" label={t('sync.fingerprintGiven')} extra={t('sync.fingerprintHint')}>
        <Input placeholder="a1b2 c3d4 …" data-testid="hub-fingerprint" />
      </Form.Item>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="hub-enrol-error" />}
      <Button type="primary" htmlType="submit" loading={busy} data-testid="hub-enrol">
        {t('sync.enrol')}
      </Button>
    </Form>
  );
}

function StatusCard({ status, onPush, pushing }: { status: HubStatus; onPush: () => void; pushing: boolean }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const p = status.pushing;
  return (
    <Card title={t('sync.statusTitle')} extra={<Button type="primary" onClick={onPush} loading={pushing} data-testid="hub-push">{t('sync.pushNow')}</Button>}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item label={t('sync.hub')}>
            <span data-testid="hub-address">{status.url}</span>
            {status.hubName ? ` · ${status.hubName}` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('sync.fingerprint')}>
            <Typography.Text code data-testid="hub-pinned">{grouped(status.fingerprint ?? '')}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('sync.unit')}>{status.unit ? `${status.unit.name} (${status.unit.code})` : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('sync.lastSync')}>
            <span data-testid="hub-last-sync">{status.lastSyncAt ? formatDateTime(status.lastSyncAt) : t('sync.never')}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('sync.waiting')}>
            <span data-testid="hub-waiting">{t('sync.waitingValue', { count: status.waiting, acked: status.acked })}</span>
          </Descriptions.Item>
        </Descriptions>
        {p && (
          <div data-testid="hub-progress">
            <Typography.Text type="secondary">{t(`sync.phase.${p.phase}`, { done: p.done, total: p.total })}</Typography.Text>
            <Progress percent={p.total ? Math.round((100 * p.done) / p.total) : 0} status="active" />
          </div>
        )}
        {status.lastError && (
          <Alert
            type="error"
            showIcon
            data-testid="hub-last-error"
            message={t('sync.lastError', { when: formatDateTime(status.lastError.at) })}
            description={errorText({ error: status.lastError })}
          />
        )}
      </Space>
    </Card>
  );
}

export function SyncPage() {
  const { t } = useTranslation();
  const { run } = useCall();
  const [status, setStatus] = useState<HubStatus | null>(null);
  const [pushing, setPushing] = useState(false);
  const [outcome, setOutcome] = useState<string | null>(null);
  const [reenrol, setReenrol] = useState(false);
  const reload = () => run(() => call('hub.status', {}).then(setStatus));
  useEffect(() => {
    void reload();
    // the background push runs on its own: keep the figures current, faster while one is under way
    const timer = setInterval(() => void reload(), pushing ? 1000 : 5000);
    return () => clearInterval(timer);
  }, [pushing]); // eslint-disable-line react-hooks/exhaustive-deps
  const push = async () => {
    setOutcome(null);
    setPushing(true);
    const r = await run(() => call('hub.push', {}), () => {});
    setPushing(false);
    if (r) setOutcome(t('sync.pushed', { sent: r.sent, blobs: r.blobs, acked: r.acked }));
    await reload();
  };

  if (!status) return null;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="sync-page">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>{t('sync.hint')}</Typography.Paragraph>
      {status.enrolled && <StatusCard status={status} onPush={push} pushing={pushing} />}
      {outcome && <Alert type="success" showIcon message={outcome} closable onClose={() => setOutcome(null)} data-testid="hub-pushed" />}
      <Card
        title={status.enrolled ? t('sync.reenrolTitle') : t('sync.enrolTitle')}
        extra={status.enrolled && !reenrol ? <Button onClick={() => setReenrol(true)}>{t('sync.reenrol')}</Button> : null}
      >
        {status.enrolled && !reenrol ? (
          <Typography.Text type="secondary">{t('sync.reenrolHint')}</Typography.Text>
        ) : (
          <EnrolForm onDone={(s) => (setStatus(s), setReenrol(false))} />
        )}
      </Card>
    </Space>
  );
}
