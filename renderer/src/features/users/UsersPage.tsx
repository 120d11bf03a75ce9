// Accounts: who may sign in, in which role, for which unit; reset passwords and clear lock-outs.
import { App, Button, Card, Form, Input, Modal, Select, Switch, Table, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserRow } from '../../../../shared/contract';
import { ROLES } from '../../../../shared/roles';
import { call } from '../../api/bridge';
import { formatDateTime } from '../../format';
import { useCall } from '../../components/useCall';
import { UnitSelect } from '../units/UnitSelect';

export function UsersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { run } = useCall();
  const [users, setUsers] = useState<UserRow[]>([]);
  const [editing, setEditing] = useState<Partial<UserRow> | null>(null);
  const [form] = Form.useForm();
  const reload = useCallback(() => run(() => call('users.list', {}).then(setUsers)), [run]);
  useEffect(() => void reload(), [reload]);

  const open = (u: Partial<UserRow>) => {
    setEditing(u);
    form.setFieldsValue({ active: true, unlock: false, ...u, password: '' });
  };
  const save = async () => {
    const v = await form.validateFields();
    await run(async () => {
      await call('users.save', {
        id: editing?.id,
        username: editing?.id ? undefined : v.username,
        fullName: v.fullName,
        role: v.role,
        unitId: v.unitId,
        active: v.active,
        password: v.password || undefined,
        unlock: !!v.unlock,
      });
      message.success(t('common.saved'));
      setEditing(null);
      await reload();
    });
  };

  return (
    <Card title={t('users.title')} extra={<Button type="primary" onClick={() => open({ role: 'records_staff' })}>{t('users.add')}</Button>}>
      <Table<UserRow>
        rowKey="id"
        size="middle"
        dataSource={users}
        pagination={false}
        columns={[
          { title: t('users.username'), dataIndex: 'username' },
          { title: t('users.fullName'), dataIndex: 'fullName' },
          { title: t('users.role'), dataIndex: 'role', render: (r) => t(`roles.${r}`) },
          { title: t('users.unit'), dataIndex: 'unitName' },
          {
            title: t('users.state'),
            render: (_v, u) =>
              !u.active ? <Tag>{t('users.inactive')}</Tag> : u.lockedUntil && u.lockedUntil > new Date().toISOString() ? <Tag color="orange">{t('users.locked', { time: formatDateTime(u.lockedUntil) })}</Tag> : <Tag color="green">{t('users.active')}</Tag>,
          },
          { title: t('common.actions'), width: 90, render: (_v, u) => <a onClick={() => open(u)}>{t('common.edit')}</a> },
        ]}
      />
      <Modal open={!!editing} title={editing?.id ? t('users.edit') : t('users.add')} onOk={save} onCancel={() => setEditing(null)} okText={t('common.save')} cancelText={t('common.cancel')} destroyOnHidden>
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="username" label={t('users.username')} extra={t('setup.usernameRule')} rules={[{ required: !editing?.id, pattern: /^[a-z0-9._-]{3,32}$/, message: t('setup.usernameRule') }]}>
            <Input disabled={!!editing?.id} autoComplete="off" />
          </Form.Item>
          <Form.Item name="fullName" label={t('users.fullName')} rules={[{ required: true, message: t('common.required') }]}>
            <Input />
          </Form.Item>
          <Form.Item name="role" label={t('users.role')} rules={[{ required: true }]}>
            <Select options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} data-testid="user-role" />
          </Form.Item>
          <Form.Item name="unitId" label={t('users.unit')} rules={[{ required: true, message: t('common.required') }]}>
            <UnitSelect data-testid="user-unit" />
          </Form.Item>
          <Form.Item name="password" label={editing?.id ? t('users.newPassword') : t('users.password')} rules={[{ required: !editing?.id, min: 8, message: t('setup.passwordRule') }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="active" label={t('users.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
          {editing?.id && (
            <Form.Item name="unlock" label={t('users.unlock')} valuePropName="checked">
              <Switch />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Card>
  );
}
