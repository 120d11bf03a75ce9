// Links a document to the result it digitizes and marks it checked; both change coverage.
import { App, Button, Checkbox, Input, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentDetail } from '../../../../shared/contract';
import { call } from '../../api/bridge';
import { useCall } from '../../components/useCall';

export function LinkPanel({ doc, onChange }: { doc: DocumentDetail; onChange: (d: DocumentDetail) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { run } = useCall();
  const [code, setCode] = useState(doc.dossierCode ?? '');
  const [digitized, setDigitized] = useState(doc.status !== 'imported');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setCode(doc.dossierCode ?? '');
    setDigitized(doc.status !== 'imported');
  }, [doc.id]); // eslint-disable-line react-hooks/exhaustive-deps
  const save = async () => {
    setBusy(true);
    await run(async () => {
      onChange(await call('documents.link', { id: doc.id, dossierCode: code.trim() || null, digitized }));
      message.success(t('link.saved'));
    });
    setBusy(false);
  };
  return (
    <Space direction="vertical" style={{ width: '100%', marginTop: 16 }} data-testid="link-panel">
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('link.title')}
      </Typography.Title>
      <Typography.Text type="secondary">{doc.dossierCode ? t('link.linked', { code: doc.dossierCode }) : t('link.none')}</Typography.Text>
      <Input placeholder={t('link.dossier')} value={code} onChange={(e) => setCode(e.target.value)} onPressEnter={save} aria-label={t('link.dossier')} />
      <Checkbox checked={digitized} onChange={(e) => setDigitized(e.target.checked)}>
        {t('link.digitized')}
      </Checkbox>
      <Button type="primary" onClick={save} loading={busy}>
        {t('link.save')}
      </Button>
    </Space>
  );
}
