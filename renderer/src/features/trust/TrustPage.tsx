// The admin's trust store: the root and intermediate certificates signatures chain to.
import { TokenModulesCard } from './TokenModulesCard';
import { Alert, App, Button, Card, Input, Popconfirm, Space, Switch, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Res } from '../../../../shared/contract';
import { call, toSource } from '../../api/bridge';
import { formatDateTime } from '../../format';
import { usePickFile } from '../../components/usePickFile';
import { useCall } from '../../components/useCall';

export function TrustPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { run } = useCall();
  const [anchors, setAnchors] = useState<Res<'trust.list'>>([]);
  const [tsa, setTsa] = useState('');
  const [builtIns, setBuiltIns] = useState<Res<'trust.builtins'>>([]);
  const load = () => Promise.all([call('trust.list', {}).then(setAnchors), call('trust.builtins', {}).then(setBuiltIns)]);
  const [fileInput, pickFile] = usePickFile({
    accept: '.pem,.crt,.cer,.der',
    testId: 'trust-input',
    onFile: (f) =>
      run(async () => {
        const r = await call('trust.add', { source: await toSource(f) });
        message.success(t('trust.added', { n: r.added }));
        await load();
      }),
  });
  useEffect(() => {
    void run(load);
    void run(() => call('signing.config', {}).then((c) => setTsa(c.tsaUrl ?? '')));
  }, [run]);
  return (
    <Card
      title={t('trust.title')}
      extra={
        <Button type="primary" onClick={pickFile}>
          {t('trust.add')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('trust.hint')}</Typography.Paragraph>
      {fileInput}
      <Typography.Title level={5}>{t('trustBuiltin.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('trustBuiltin.hint')}</Typography.Paragraph>
      <Table
        rowKey="fingerprint"
        size="small"
        dataSource={builtIns}
        pagination={false}
        data-testid="trust-builtins"
        style={{ marginBottom: 24 }}
        columns={[
          { title: t('trust.subject'), dataIndex: 'subject' },
          { title: t('trustBuiltin.role'), dataIndex: 'root', width: 110, render: (r: boolean) => <Tag color={r ? 'blue' : undefined}>{r ? t('trustBuiltin.root') : t('trustBuiltin.intermediate')}</Tag> },
          { title: t('trust.validTo'), dataIndex: 'validTo', width: 160, render: formatDateTime },
          { title: t('trust.fingerprint'), dataIndex: 'fingerprint', width: 200, render: (v: string) => <Typography.Text code>{v.slice(0, 16)}…</Typography.Text> },
          {
            title: t('trustBuiltin.enabled'),
            width: 100,
            render: (_v, c) => (
              <Switch
                checked={c.enabled}
                onChange={(on) => run(() => call('trust.setBuiltIn', { fingerprint: c.fingerprint, enabled: on }).then(load))}
              />
            ),
          },
        ]}
      />
      {anchors.length === 0 && builtIns.every((b) => !b.enabled) && <Alert type="warning" showIcon message={t('trust.empty')} style={{ marginBottom: 12 }} />}
      <Table
        rowKey="id"
        size="small"
        dataSource={anchors}
        pagination={false}
        columns={[
          { title: t('trust.subject'), dataIndex: 'subject' },
          { title: t('trust.validTo'), dataIndex: 'validTo', width: 160, render: formatDateTime },
          { title: t('trust.fingerprint'), dataIndex: 'fingerprint', width: 200, render: (v: string) => <Typography.Text code>{v.slice(0, 16)}…</Typography.Text> },
          {
            title: '',
            width: 80,
            render: (_v, a) => (
              <Popconfirm title={t('trust.remove')} onConfirm={() => run(() => call('trust.remove', { id: a.id }).then(load))}>
                <a>{t('trust.remove')}</a>
              </Popconfirm>
            ),
          },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('signing.tsaUrl')}
      </Typography.Title>
      <Space.Compact style={{ width: 520 }}>
        <Input value={tsa} onChange={(e) => setTsa(e.target.value)} placeholder="http://…" />
        <Button
          onClick={() => run(() => call('signing.setConfig', { tsaUrl: tsa.trim() || null }).then(() => message.success(t('common.saved'))))}
        >
          {t('signing.saveTsa')}
        </Button>
      </Space.Compact>
      <TokenModulesCard />
    </Card>
  );
}
