// What OCR made of a document: its state, the tagged fields (with where each came from),
// the searchable PDF, and the way to read it (again) or review it.
import { App, Button, Descriptions, Space, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DocumentDetail } from '../../../../shared/contract';
import { FIELD_NAMES } from '../../../../shared/document-fields';
import { formatDate } from '../../../../shared/dates';
import { archiveUrl, call } from '../../api/bridge';
import { navigate } from '../../app/router';
import { useCall } from '../../components/useCall';

export function OcrPanel({ doc, canRun, onChange }: { doc: DocumentDetail; canRun: boolean; onChange: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { run: report } = useCall();
  const read = doc.pages.filter((p) => p.ocrState === 'done').length;
  const state = doc.pages.some((p) => p.ocrState === 'failed') ? 'failed' : read === doc.pages.length ? 'done' : read ? 'partial' : 'none';
  const run = (again: boolean) =>
    report(async () => {
      await call('ocr.start', { documentIds: [doc.id], again });
      message.info(t('ocr.jobTitle', { done: 0, total: again ? doc.pageCount : doc.pageCount - read }));
      navigate('import');
    });
  const fields = FIELD_NAMES.map((n) => doc.fields.find((f) => f.name === n)).filter((f) => f && f.value);
  return (
    <Space direction="vertical" style={{ width: '100%', marginTop: 16 }} data-testid="ocr-panel">
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('ocr.fields')} <Tag color={{ none: 'default', partial: 'processing', done: 'green', failed: 'red' }[state]}>{t(`ocr.state.${state}`)}</Tag>
      </Typography.Title>
      {fields.length > 0 && (
        <Descriptions column={1} size="small" bordered styles={{ label: { width: 120 } }}>
          {fields.map((f) => (
            <Descriptions.Item key={f!.name} label={t(`fields.${f!.name}`)}>
              <span data-testid={`doc-field-${f!.name}`} style={{ whiteSpace: 'pre-line' }}>
                {f!.name === 'date' ? formatDate(f!.value) : f!.value}
              </span>
              {f!.source === 'qr' && <Tag color="blue" style={{ marginLeft: 4 }}>QR</Tag>}
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
      <Space wrap>
        {doc.hasSearchable && (
          <a href={archiveUrl('searchable', doc.id, doc.searchableV)} download={`${doc.title}.pdf`}>
            {t('ocr.downloadSearchable')}
          </a>
        )}
        {canRun && state !== 'done' && (
          <Button onClick={() => run(false)} data-testid="ocr-run">
            {t('ocr.run')}
          </Button>
        )}
        {canRun && state === 'done' && doc.status !== 'signed' && <Button onClick={() => run(true)}>{t('ocr.again')}</Button>}
        {canRun && doc.hasSearchable && (
          <Button type="primary" onClick={() => navigate(`review/${doc.id}`)} data-testid="open-review">
            {t('ocr.review')}
          </Button>
        )}
        <Tooltip title={t('day.refresh')}>
          <Button size="small" type="text" onClick={onChange} aria-label={t('day.refresh')}>
            ↻ {t('day.refresh')}
          </Button>
        </Tooltip>
      </Space>
    </Space>
  );
}
