import { App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/bridge';
import { useCall } from '../../components/useCall';

export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { run } = useCall();
  const [form] = Form.useForm();
  const submit = async () => {
    const v = await form.validateFields();
    await run(async () => {
      await call('auth.changePassword', { current: v.current, next: v.next });
      message.success(t('account.changed'));
      form.resetFields();
      onClose();
    });
  };
  return (
    <Modal open={open} title={t('header.changePassword')} onOk={submit} onCancel={onClose} okText={t('common.save')} cancelText={t('common.cancel')} destroyOnHidden>
      <Form form={form} layout="vertical">
        <Form.Item name="current" label={t('account.current')} rules={[{ required: true, message: t('common.required') }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="next" label={t('account.next')} rules={[{ required: true, min: 8, message: t('setup.passwordRule') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
