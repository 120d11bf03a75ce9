// The signing dialog: the key (a USB token through an allowed PKCS#11 library, with a token
// search that says what to check when none is found, or a .p12 file), the visible appearance
// with a preview of the copy signature, and the timestamp; one PIN entry for the whole batch.
import { Alert, Button, Checkbox, Form, Input, Modal, Radio, Select, Space, Tabs, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Req, Res } from '../../../../shared/contract';
import { call, toSource } from '../../api/bridge';
import { useSession } from '../../app/session';
import { useCall } from '../../components/useCall';
import { usePickFile } from '../../components/usePickFile';
import { CopyPreview } from './CopyPreview';
import { holderIs } from '../../../../shared/holder-name';

export function SignModal({ open, documentIds, agencyDefault, onClose, onStarted }: { open: boolean; documentIds: number[]; agencyDefault: string; onClose: () => void; onStarted: (jobId: number) => void }) {
  const { t } = useTranslation();
  const { run } = useCall();
  const { user } = useSession();
  const [form] = Form.useForm();
  const [kind, setKind] = useState<'token' | 'p12'>('token');
  const [modules, setModules] = useState<Res<'signing.modules'>>([]);
  const [tokens, setTokens] = useState<Res<'signing.tokens'>>([]);
  const [p12, setP12] = useState<File | null>(null);
  const [tsa, setTsa] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [p12Input, pickP12] = usePickFile({ accept: '.p12,.pfx', testId: 'p12-input', onFile: setP12 });
  useEffect(() => {
    if (!open) return;
    call('signing.modules', {})
      .then((list) => {
        setModules(list);
        // start from the first module actually installed on this machine
        const installed = list.find((m) => m.installed);
        if (installed && !form.getFieldValue('module')) form.setFieldValue('module', installed.path);
      })
      .catch(() => null);
    call('signing.config', {}).then((c) => setTsa(c.tsaUrl)).catch(() => null);
  }, [open, form]);
  // what the last token search found: nothing found and failures stay on screen with what to check
  const [tokenSearch, setTokenSearch] = useState<{ found: number } | { error: string } | null>(null);
  const findTokens = async () => {
    setTokenSearch(null);
    const found = await run(
      () => call('signing.tokens', { module: form.getFieldValue('module') }),
      (error) => setTokenSearch({ error }),
    );
    setTokens(found ?? []);
    if (!found) return;
    setTokenSearch({ found: found.length });
    if (found.length === 1) form.setFieldValue('token', found[0].label);
  };
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    await run(async () => {
      const key: Req<'signing.sign'>['key'] =
        kind === 'token' ? { pkcs11: { module: v.module, token: v.token, pin: v.pin, certificateId: v.certificateId } } : { p12: { source: await toSource(p12!), password: v.password } };
      const { jobId } = await call('signing.sign', {
        documentIds,
        key,
        appearance: v.appearance,
        copyForm: v.copyForm,
        agency: v.agency,
        reason: v.reason || undefined,
        timestamp: !!v.timestamp,
        longTerm: !!v.timestamp && !!v.longTerm,
        archiveTimestamp: !!v.timestamp && !!v.longTerm && !!v.archiveTimestamp,
      });
      form.setFieldsValue({ pin: '', password: '' });
      onStarted(jobId);
    });
    setBusy(false);
  };
  return (
    <Modal open={open} title={t('signing.keyTitle')} onCancel={onClose} onOk={submit} okText={t('signing.start')} cancelText={t('common.cancel')} confirmLoading={busy} width={640} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ appearance: user.role === 'records_staff' ? 'personal' : 'copy', copyForm: 'SAO Y', agency: agencyDefault }}
      >
        <Tabs
          activeKey={kind}
          onChange={(k) => setKind(k as 'token' | 'p12')}
          items={[
            {
              key: 'token',
              label: t('signing.token'),
              children: (
                <>
                  {/* only libraries the administrator allows, and only those installed here */}
                  {kind === 'token' && !modules.some((m) => m.installed) && <Alert type="warning" showIcon message={t('access.noModule')} style={{ marginBottom: 12 }} />}
                  <Form.Item name="module" label={t('signing.module')} rules={kind === 'token' ? [{ required: true, message: t('common.required') }] : []}>
                    <Select options={modules.filter((m) => m.installed).map((m) => ({ value: m.path, label: `${m.label} — ${m.path}` }))} />
                  </Form.Item>
                  <Space align="end">
                    <Form.Item name="token" label={t('signing.tokenLabel')} rules={kind === 'token' ? [{ required: true, message: t('common.required') }] : []}>
                      <Select style={{ width: 280 }} options={tokens.map((tk) => ({ value: tk.label, label: `${tk.label} (${tk.serial})` }))} />
                    </Form.Item>
                    <Form.Item>
                      <Button onClick={findTokens}>{t('signing.findTokens')}</Button>
                    </Form.Item>
                  </Space>
                  {tokenSearch && 'found' in tokenSearch && tokenSearch.found > 0 && (
                    <Alert type="success" showIcon style={{ marginBottom: 12 }} data-testid="token-search" message={t('day.tokensFound', { count: tokenSearch.found })} />
                  )}
                  {tokenSearch && !('found' in tokenSearch && tokenSearch.found > 0) && (
                    <Alert
                      type="warning"
                      showIcon
                      style={{ marginBottom: 12 }}
                      data-testid="token-search"
                      message={'error' in tokenSearch ? tokenSearch.error : t('day.noToken', { module: form.getFieldValue('module') })}
                      description={
                        <ul style={{ margin: 0, paddingLeft: 18 }}>
                          <li>{t('day.checkModule')}</li>
                          <li>{t('day.checkPlugged')}</li>
                          <li>{t('day.checkDriver')}</li>
                        </ul>
                      }
                    />
                  )}
                  <Form.Item noStyle shouldUpdate={(a, b) => a.token !== b.token || a.certificateId !== b.certificateId}>
                    {({ getFieldValue }) => {
                      const certs = tokens.find((tk) => tk.label === getFieldValue('token'))?.certificates ?? [];
                      // the token's certificate held by someone else: said before the PIN is typed
                      const chosen = certs.length === 1 ? certs[0] : certs.find((c) => c.id === getFieldValue('certificateId'));
                      return (
                        <>
                          {certs.length > 1 && (
                            <Form.Item name="certificateId" label={t('signing.certificate')}>
                              <Select options={certs.map((c) => ({ value: c.id, label: `${c.subject} (${t('trust.validTo')} ${new Date(c.validTo).toLocaleDateString('vi-VN')})` }))} />
                            </Form.Item>
                          )}
                          {chosen && !holderIs(chosen.subject, user.fullName) && (
                            <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="token-holder" message={t('signing.otherHolder', { holder: chosen.subject, user: user.fullName })} />
                          )}
                        </>
                      );
                    }}
                  </Form.Item>
                  <Form.Item name="pin" label={t('signing.pin')} rules={kind === 'token' ? [{ required: true, message: t('common.required') }] : []}>
                    <Input.Password autoComplete="off" data-testid="sign-pin" />
                  </Form.Item>
                </>
              ),
            },
            {
              key: 'p12',
              label: t('signing.p12'),
              children: (
                <>
                  {p12Input}
                  <Form.Item label={t('signing.p12')}>
                    <Button onClick={pickP12}>{p12 ? p12.name : t('signing.p12File')}</Button>
                  </Form.Item>
                  <Form.Item name="password" label={t('signing.password')} rules={kind === 'p12' ? [{ required: true, message: t('common.required') }] : []}>
                    <Input.Password autoComplete="off" data-testid="p12-password" />
                  </Form.Item>
                </>
              ),
            },
          ]}
        />
        <Form.Item name="appearance" label={t('signing.appearance')}>
          <Radio.Group
            options={(['copy', 'personal', 'none'] as const).map((a) => ({ value: a, label: t(`signing.${a}`) }))}
            style={{ display: 'flex', flexDirection: 'column' }}
          />
        </Form.Item>
        <Form.Item noStyle shouldUpdate={(a, b) => a.appearance !== b.appearance}>
          {({ getFieldValue }) =>
            getFieldValue('appearance') === 'copy' && (
              <Space.Compact block>
                <Form.Item name="copyForm" label={t('signing.copyForm')} style={{ width: 180 }}>
                  <Select options={['SAO Y', 'SAO LỤC', 'TRÍCH SAO'].map((v) => ({ value: v, label: v }))} />
                </Form.Item>
                <Form.Item name="agency" label={t('signing.agency')} style={{ flex: 1 }}>
                  <Input />
                </Form.Item>
              </Space.Compact>
            )
          }
        </Form.Item>
        <Form.Item noStyle shouldUpdate={(a, b) => a.appearance !== b.appearance || a.copyForm !== b.copyForm || a.agency !== b.agency}>
          {({ getFieldValue }) =>
            getFieldValue('appearance') === 'copy' &&
            documentIds.length > 0 && <CopyPreview documentId={documentIds[0]} copyForm={getFieldValue('copyForm')} agency={getFieldValue('agency')} />
          }
        </Form.Item>
        <Form.Item name="reason" label={t('signing.reason')}>
          <Input />
        </Form.Item>
        <Form.Item name="timestamp" valuePropName="checked">
          <Checkbox disabled={!tsa}>{tsa ? t('signing.timestamp', { url: tsa }) : t('signing.noTsa')}</Checkbox>
        </Form.Item>
        <Form.Item noStyle shouldUpdate={(a, b) => a.timestamp !== b.timestamp || a.longTerm !== b.longTerm}>
          {({ getFieldValue }) => (
            <>
              <Form.Item name="longTerm" valuePropName="checked">
                <Checkbox disabled={!getFieldValue('timestamp')}>{t('signing.longTerm')}</Checkbox>
              </Form.Item>
              <Form.Item name="archiveTimestamp" valuePropName="checked">
                <Checkbox disabled={!getFieldValue('timestamp') || !getFieldValue('longTerm')} data-testid="sign-lta">
                  {t('extend.atSigning')}
                </Checkbox>
              </Form.Item>
            </>
          )}
        </Form.Item>
        <Typography.Text type="secondary">{t('signing.secretNote')}</Typography.Text>
      </Form>
    </Modal>
  );
}
