// Page 1 of the first document to sign, with the copy signature drawn where it will go.
import { Alert, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/bridge';

/** Page 1 of the first document with the copy signature where it will go, before signing. */
export function CopyPreview({ documentId, copyForm, agency }: { documentId: number; copyForm: 'SAO Y' | 'SAO LỤC' | 'TRÍCH SAO'; agency: string | undefined }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState<{ image: string; clear: boolean } | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let stale = false;
    const timer = setTimeout(() => {
      call('signing.preview', { documentId, copyForm, agency })
        .then((r) => !stale && (setShown(r), setFailed(false)))
        .catch(() => !stale && setFailed(true));
    }, 300); // typing the agency name: one preview when the typing stops
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [documentId, copyForm, agency]);
  if (failed) return <Alert type="warning" showIcon message={t('day.previewFailed')} />;
  if (!shown) return null;
  return (
    <div style={{ marginBottom: 12 }}>
      <Typography.Text type="secondary">{t('day.copyPreview')}</Typography.Text>
      {!shown.clear && <Alert type="warning" showIcon message={t('day.noWhiteSpace')} style={{ margin: '6px 0' }} />}
      <img src={shown.image} alt={t('day.copyPreview')} data-testid="copy-preview" style={{ display: 'block', width: '100%', border: '1px solid #ddd', marginTop: 6 }} />
    </div>
  );
}
