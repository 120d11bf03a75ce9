// Tra cứu kết quả đã số hóa: a records officer finds a result digitized anywhere in the
// province by one exact identifier, naming the dossier being handled, and downloads its signed
// copy. Every lookup and download is in the hub's audit chain (Decree 13/2023). The same page
// serves the hub's own staff (a hub session) and a desk's officers (through the desk's
// enrolment, features/sync/DeskLookupPage.tsx): only where it asks and fetches differs.
import { Alert, Button, Card, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../../shared/dates';
import type { AppError } from '../../../../shared/result';
import { useErrorText } from '../../i18n';
import { hubCall, signedCopyUrl, type LookupResult } from './hub-api';
import { lookupRequest, refusalKind, type LookupInput } from './lookup-form';

type Found = { lookupId: string; results: LookupResult[] };
type Outcome = (Found & { value: string }) | { warning: string } | { error: string };

/** Where a lookup is asked and a signed copy fetched. */
export interface LookupSource {
  lookup(req: Exclude<ReturnType<typeof lookupRequest>, { problem: unknown }>): Promise<Found>;
  copyUrl(lookupId: string, result: LookupResult & { signed: { sha256: string } }): string;
}

/** The hub's page: its staff method and its file route, on the hub session. */
const HUB_SOURCE: LookupSource = {
  lookup: (req) => hubCall('reuse.lookup', req),
  copyUrl: (lookupId, r) => signedCopyUrl(lookupId, r.signed.sha256),
};

export function LookupPage({ source = HUB_SOURCE }: { source?: LookupSource }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const submit = async (v: LookupInput) => {
    const req = lookupRequest(v);
    if ('problem' in req) return setOutcome({ warning: t(`hub.lookup.${req.problem}`) });
    setBusy(true);
    try {
      const r = await source.lookup(req);
      setOutcome({ ...r, value: req.value });
    } catch (e) {
      const kind = refusalKind((e as { error?: AppError }).error?.code);
      const text = errorText(e);
      setOutcome(kind === 'error' ? { error: text } : { warning: kind === 'rate' ? t('hub.lookup.rate', { reason: text }) : text });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card title={t('hub.lookup.title')}>
        <Typography.Paragraph type="secondary">{t('hub.lookup.hint')}</Typography.Paragraph>
        <Form<LookupInput> layout="vertical" initialValues={{ by: 'dossierCode' }} onFinish={submit} requiredMark={false} style={{ maxWidth: 900 }}>
          <Space wrap align="start">
            <Form.Item name="by" label={t('hub.lookup.by')}>
              <Select
                style={{ width: 200 }}
                aria-label={t('hub.lookup.by')}
                options={(['holderId', 'dossierCode', 'resultNumber'] as const).map((b) => ({ value: b, label: t(`hub.lookup.by${b[0].toUpperCase()}${b.slice(1)}`) }))}
              />
            </Form.Item>
            <Form.Item name="value" label={t('hub.lookup.value')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
              <Input style={{ width: 260 }} maxLength={64} autoComplete="off" />
            </Form.Item>
            <Form.Item name="purposeDossier" label={t('hub.lookup.purposeDossier')} rules={[{ required: true, whitespace: true, message: t('common.required') }, { min: 5, message: t('hub.lookup.purposeShort') }]}>
              <Input style={{ width: 260 }} maxLength={64} autoComplete="off" />
            </Form.Item>
          </Space>
          <Form.Item name="note" label={t('hub.lookup.note')}>
            <Input maxLength={500} placeholder={t('hub.lookup.notePlaceholder')} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="lookup-submit">
            {t('hub.lookup.submit')}
          </Button>
        </Form>
      </Card>
      {outcome && <LookupOutcome outcome={outcome} source={source} />}
    </Space>
  );
}

function LookupOutcome({ outcome, source }: { outcome: Outcome; source: LookupSource }) {
  const { t } = useTranslation();
  if ('warning' in outcome) return <Alert type="warning" showIcon message={outcome.warning} data-testid="lookup-message" />;
  if ('error' in outcome) return <Alert type="error" showIcon message={outcome.error} data-testid="lookup-message" />;
  if (outcome.results.length === 0) return <Alert type="info" showIcon message={t('hub.lookup.none', { value: outcome.value })} data-testid="lookup-message" />;
  return (
    <Card title={t('hub.lookup.found', { count: outcome.results.length })} extra={<Typography.Text type="secondary">{t('hub.lookup.copyNote')}</Typography.Text>}>
      <Table<LookupResult>
        data-testid="lookup-results"
        rowKey={(r) => `${r.unitCode}/${r.dossierCode}`}
        size="small"
        pagination={false}
        dataSource={outcome.results}
        columns={[
          { title: t('hub.lookup.unit'), render: (_v, r) => `${r.unitName} (${r.unitCode})` },
          { title: t('hub.lookup.byDossierCode'), dataIndex: 'dossierCode' },
          { title: t('hub.lookup.procedure'), dataIndex: 'procedureName', ellipsis: true },
          { title: t('hub.lookup.result'), render: (_v, r) => [r.resultName, r.resultNumber && `${t('hub.lookup.number')} ${r.resultNumber}`].filter(Boolean).join(' · ') },
          { title: t('hub.lookup.holder'), dataIndex: 'holderName' },
          { title: t('hub.lookup.issuedOn'), dataIndex: 'issuedOn', width: 110, render: (v) => formatDate(v) },
          {
            title: t('hub.lookup.validUntil'),
            width: 140,
            render: (_v, r) => (r.revokedOn ? <Tag color="red">{t('hub.lookup.revoked', { date: formatDate(r.revokedOn) })}</Tag> : formatDate(r.validUntil)),
          },
          {
            title: '',
            width: 200,
            render: (_v, r) =>
              r.signed ? (
                <a href={source.copyUrl(outcome.lookupId, { ...r, signed: r.signed })} download={`${r.dossierCode}.pdf`}>
                  {t('hub.lookup.download')}
                </a>
              ) : (
                <Typography.Text type="secondary">{t('hub.lookup.noCopy')}</Typography.Text>
              ),
          },
        ]}
      />
    </Card>
  );
}
