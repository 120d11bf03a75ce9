import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../../../shared/contract';
import { call } from '../../api/bridge';
import { useHubMode } from '../../app/hub-mode';
import { LanguageSwitch } from '../../app/LanguageSwitch';
import { useCall } from '../../components/useCall';

export function SignInPage({ onSignedIn }: { onSignedIn: (u: SessionUser) => void }) {
  const { t } = useTranslation();
  const { run } = useCall();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const hub = useHubMode();
  const submit = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    const user = await run(() => call('auth.signIn', v), setError);
    setBusy(false);
    if (user) onSignedIn(user);
  };
  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: 'linear-gradient(135deg,#fdf3f3,#f5f5f5)' }}>
      <Card style={{ width: 380 }}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
            <Typography.Title level={3} style={{ margin: 0, color: '#b4232c' }}>
              {t('app.name')}
            </Typography.Title>
            <LanguageSwitch />
          </div>
          {hub && <Typography.Text strong>{hub.hubName}</Typography.Text>}
          <Typography.Text type="secondary">{t('signIn.hint')}</Typography.Text>
          {error && <Alert type="error" showIcon message={error} role="alert" />}
          <Form layout="vertical" onFinish={submit} requiredMark={false}>
            <Form.Item name="username" label={t('signIn.username')} rules={[{ required: true, message: t('common.required') }]}>
              <Input autoFocus autoComplete="username" />
            </Form.Item>
            <Form.Item name="password" label={t('signIn.password')} rules={[{ required: true, message: t('common.required') }]}>
              <Input.Password autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy}>
              {t('signIn.submit')}
            </Button>
          </Form>
        </Space>
      </Card>
    </div>
  );
}
