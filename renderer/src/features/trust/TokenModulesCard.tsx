// The administrator's list of PKCS#11 libraries the app may load for USB tokens: the usual
// drivers pre-listed, plus paths the administrator adds. Signers pick from this list only.
import { App, Button, Card, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Res } from '../../../../shared/contract';
import { call } from '../../api/bridge';
import { useErrorText } from '../../i18n';

export function TokenModulesCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [modules, setModules] = useState<Res<'signing.modules'>>([]);
  const [label, setLabel] = useState('');
  const [file, setFile] = useState('');
  useEffect(() => {
    call('signing.modules', {}).then(setModules).catch((e) => message.error(errorText(e)));
  }, []);
  const run = (p: Promise<Res<'signing.modules'>>) =>
    p.then(setModules, (e) => {
      message.error(errorText(e));
      throw e;
    });
  const add = () => run(call('signing.addModule', { label, path: file.trim() })).then(() => (setLabel(''), setFile('')), () => null);
  return (
    <Card title={t('access.modulesTitle')} style={{ marginTop: 16 }}>
      <Typography.Paragraph type="secondary">{t('access.modulesHint')}</Typography.Paragraph>
      <Table
        rowKey="path"
        size="small"
        pagination={false}
        dataSource={modules}
        columns={[
          { title: t('access.label'), dataIndex: 'label' },
          { title: t('access.path'), dataIndex: 'path', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
          {
            title: '',
            width: 260,
            render: (_v, m) => (
              <Space>
                <Tag color={m.installed ? 'green' : 'default'}>{m.installed ? t('access.installed') : t('access.missing')}</Tag>
                <Tag>{m.builtIn ? t('access.builtIn') : t('access.addedByAdmin')}</Tag>
                {!m.builtIn && (
                  <Popconfirm title={t('access.remove')} onConfirm={() => run(call('signing.removeModule', { path: m.path })).catch(() => null)}>
                    <a>{t('access.remove')}</a>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Space.Compact style={{ width: '100%', marginTop: 12 }}>
        <Input style={{ width: 220 }} aria-label={t('access.label')} placeholder={t('access.label')} value={label} onChange={(e) => setLabel(e.target.value)} />
        <Input aria-label={t('access.path')} placeholder="/usr/lib/…/libpkcs11.so · C:\Windows\System32\…dll" value={file} onChange={(e) => setFile(e.target.value)} onPressEnter={add} />
        <Button onClick={add} disabled={!file.trim()}>
          {t('access.add')}
        </Button>
      </Space.Compact>
    </Card>
  );
}
