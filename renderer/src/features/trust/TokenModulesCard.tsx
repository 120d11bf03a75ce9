// The administrator's list of PKCS#11 libraries the app may load for USB tokens: the usual
// drivers pre-listed, plus paths the administrator adds. Signers pick from this list only.
import { Button, Card, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Res } from '../../../../shared/contract';
import { useCall } from '../../components/useCall';

export function TokenModulesCard() {
  const { t } = useTranslation();
  const { tryCall } = useCall();
  const [modules, setModules] = useState<Res<'signing.modules'>>([]);
  const [label, setLabel] = useState('');
  const [file, setFile] = useState('');
  // every change answers with the whole list; a refused one leaves list and inputs as they were
  const show = (list: Res<'signing.modules'> | undefined) => list && (setModules(list), true);
  useEffect(() => void tryCall('signing.modules', {}).then(show), [tryCall]);
  const add = async () => {
    if (!show(await tryCall('signing.addModule', { label, path: file.trim() }))) return;
    setLabel('');
    setFile('');
  };
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
                  <Popconfirm title={t('access.remove')} onConfirm={() => tryCall('signing.removeModule', { path: m.path }).then(show)}>
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
