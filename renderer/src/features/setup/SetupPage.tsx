// First run: pick the unit (from the built-in Thanh Hóa catalogue or typed in) and create the administrator.
import { Alert, Button, Card, Form, Input, Radio, Select, Space, Steps, Typography } from 'antd';
import { foldSearch } from '../../components/foldSearch';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionUser, Unit } from '../../../../shared/contract';
import { LEVELS } from '../../../../shared/roles';
import { call, type ApiError } from '../../api/bridge';
import { currentFirst, unitLabel } from '../units/unitLabel';
import { LanguageSwitch } from '../../app/LanguageSwitch';
import { useCall } from '../../components/useCall';

/** `onAlreadySetUp`: someone finished setup elsewhere meanwhile; the app goes to sign-in. */
export function SetupPage({ onDone, onAlreadySetUp }: { onDone: (u: SessionUser) => void; onAlreadySetUp: () => void }) {
  const { t } = useTranslation();
  const { run } = useCall();
  const showError = (text: string, e: unknown) => ((e as ApiError)?.error?.code === 'ALREADY_SET_UP' ? onAlreadySetUp() : setError(text));
  const [step, setStep] = useState(0);
  const [mode, setMode] = useState<'demo' | 'own'>('demo');
  const [demoUnits, setDemoUnits] = useState<Unit[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [unitForm] = Form.useForm();
  const [adminForm] = Form.useForm();

  useEffect(() => {
    if (mode === 'demo' && demoUnits.length === 0)
      void run(() => call('setup.demoUnits', {}).then(setDemoUnits), showError);
  }, [mode]); // eslint-disable-line react-hooks/exhaustive-deps

  const byId = new Map(demoUnits.map((u) => [u.id, u]));
  const labelOf = (u: Unit) => unitLabel(u, t, u.parentId ? byId.get(u.parentId)?.name : null);

  const finish = async () => {
    const admin = await adminForm.validateFields();
    const unitValues = unitForm.getFieldsValue(true);
    setBusy(true);
    setError(null);
    const unit =
      mode === 'demo'
        ? { unitId: unitValues.unitId as number }
        : { code: unitValues.code, name: unitValues.name, level: unitValues.level, kind: null, validFrom: null, validTo: null };
    const user = await run(() => call('setup.init', { unit, admin: { username: admin.username, fullName: admin.fullName, password: admin.password } }), showError);
    setBusy(false);
    if (user) onDone(user);
  };

  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f5f5f5', padding: 24 }}>
      <Card style={{ width: 620 }}>
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <div style={{ display: 'flex', justifyContent: 'space-between' }}>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t('app.name')} — {t('setup.title')}
            </Typography.Title>
            <LanguageSwitch />
          </div>
          <Typography.Paragraph type="secondary">{t('setup.intro')}</Typography.Paragraph>
          <Steps current={step} items={[{ title: t('setup.stepUnit') }, { title: t('setup.stepAdmin') }]} />
          {error && <Alert type="error" showIcon message={error} role="alert" />}
          <Form form={unitForm} layout="vertical" style={{ display: step === 0 ? 'block' : 'none' }} initialValues={{ level: 'commune' }}>
            <Radio.Group value={mode} onChange={(e) => setMode(e.target.value)} style={{ marginBottom: 16 }}>
              <Radio value="demo">{t('setup.useDemo')}</Radio>
              <Radio value="own">{t('setup.useOwn')}</Radio>
            </Radio.Group>
            {mode === 'demo' ? (
              <Form.Item name="unitId" label={t('setup.demoUnit')} extra={t('setup.demoUnitHint')} rules={[{ required: true, message: t('common.required') }]}>
                <Select
                  showSearch={foldSearch}
                  loading={demoUnits.length === 0 && !error}
                  options={currentFirst([...demoUnits].sort((a, b) => LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level) || a.code.localeCompare(b.code))).map((u) => ({
                    value: u.id,
                    label: labelOf(u),
                  }))}
                  data-testid="setup-unit"
                />
              </Form.Item>
            ) : (
              <>
                <Form.Item name="level" label={t('setup.level')} rules={[{ required: true }]}>
                  <Select options={LEVELS.map((l) => ({ value: l, label: t(`levels.${l}`) }))} />
                </Form.Item>
                <Form.Item name="code" label={t('setup.code')} rules={[{ required: true, message: t('common.required') }]}>
                  <Input />
                </Form.Item>
                <Form.Item name="name" label={t('setup.name')} rules={[{ required: true, message: t('common.required') }]}>
                  <Input />
                </Form.Item>
              </>
            )}
            <Button type="primary" onClick={async () => (await unitForm.validateFields(), setStep(1))}>
              {t('setup.next')}
            </Button>
          </Form>
          <Form form={adminForm} layout="vertical" style={{ display: step === 1 ? 'block' : 'none' }} onFinish={finish}>
            <Form.Item name="fullName" label={t('setup.fullName')} rules={[{ required: true, message: t('common.required') }]}>
              <Input />
            </Form.Item>
            <Form.Item name="username" label={t('signIn.username')} extra={t('setup.usernameRule')} rules={[{ required: true, pattern: /^[a-z0-9._-]{3,32}$/, message: t('setup.usernameRule') }]}>
              <Input autoComplete="username" />
            </Form.Item>
            <Form.Item name="password" label={t('signIn.password')} rules={[{ required: true, min: 8, message: t('setup.passwordRule') }]}>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Form.Item
              name="password2"
              label={t('setup.passwordAgain')}
              dependencies={['password']}
              rules={[{ required: true, message: t('common.required') }, ({ getFieldValue }) => ({ validator: (_, v) => (v === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error(t('setup.passwordMismatch')))) })]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Space>
              <Button onClick={() => setStep(0)}>{t('common.back')}</Button>
              <Button type="primary" htmlType="submit" loading={busy}>
                {t('setup.finish')}
              </Button>
            </Space>
          </Form>
        </Space>
      </Card>
    </div>
  );
}
