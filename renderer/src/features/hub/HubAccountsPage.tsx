// Tài khoản: the hub's staff accounts and a form for a new one (the role decides what it opens;
// a district head belongs to a district, whose figures alone they see).
import { App, Button, Card, Form, Input, Select, Space, Table } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HUB_ROLES, type HubRole } from '../../../../shared/hub-roles';
import { useCall } from '../../components/useCall';
import { useUnits } from '../units/useUnits';
import { hubCall, type HubAccountRow } from './hub-api';
import { HubUnitSelect } from './HubUnitSelect';

type NewAccount = { username: string; fullName: string; role: HubRole; unitId?: number; password: string };

export function HubAccountsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { run } = useCall();
  const { byId } = useUnits();
  const [form] = Form.useForm<NewAccount>();
  const [accounts, setAccounts] = useState<HubAccountRow[] | null>(null);
  const reload = useCallback(() => void run(() => hubCall('hub.accounts', {}).then(setAccounts)), [run]);
  useEffect(reload, [reload]);
  const save = (v: NewAccount) =>
    run(async () => {
      await hubCall('hub.saveAccount', { ...v, unitId: v.unitId ?? null });
      message.success(t('hub.accounts.saved', { username: v.username }));
      form.resetFields();
      reload();
    });
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card title={t('hub.accounts.add')}>
        <Form<NewAccount> form={form} layout="vertical" onFinish={save} initialValues={{ role: 'records_staff' }} style={{ maxWidth: 640 }}>
          <Form.Item name="username" label={t('hub.accounts.username')} extra={t('hub.accounts.usernameRule')} rules={[{ required: true, pattern: /^[a-z0-9._-]{3,32}$/, message: t('hub.accounts.usernameRule') }]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="fullName" label={t('hub.accounts.fullName')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
            <Input />
          </Form.Item>
          <Form.Item name="role" label={t('hub.accounts.role')}>
            <Select options={HUB_ROLES.map((r) => ({ value: r, label: t(`hub.roles.${r}`) }))} />
          </Form.Item>
          <Form.Item name="unitId" label={t('hub.accounts.unit')}>
            <HubUnitSelect allowClear placeholder={t('hub.accounts.noUnit')} />
          </Form.Item>
          <Form.Item name="password" label={t('hub.accounts.password')} rules={[{ required: true, min: 8, message: t('hub.accounts.password') }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t('hub.accounts.save')}
          </Button>
        </Form>
      </Card>
      <Card title={t('hub.accounts.title')}>
        <Table<HubAccountRow>
          data-testid="hub-accounts"
          rowKey="id"
          size="small"
          loading={!accounts}
          dataSource={accounts ?? []}
          pagination={false}
          columns={[
            { title: t('hub.accounts.username'), dataIndex: 'username' },
            { title: t('hub.accounts.fullName'), dataIndex: 'fullName' },
            { title: t('hub.accounts.role'), dataIndex: 'role', render: (r: HubRole) => t(`hub.roles.${r}`) },
            { title: t('hub.accounts.unit'), dataIndex: 'unitId', render: (id: number | null) => (id === null ? t('hub.accounts.noUnit') : (byId.get(id)?.name ?? `#${id}`)) },
          ]}
        />
      </Card>
    </Space>
  );
}
