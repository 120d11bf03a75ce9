// The cleaned page beside the fields, with the focused field's source region outlined, and
// the page buttons above it.
import { Alert, Button, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DocumentDetail, FieldRow } from '../../../../shared/contract';
import { archiveUrl } from '../../api/bridge';
import { navigate } from '../../app/router';

export function ReviewPageImage({ doc, page, onPage, box }: { doc: DocumentDetail; page: number; onPage: (n: number) => void; box: FieldRow | undefined }) {
  const { t } = useTranslation();
  const current = doc.pages[page - 1];
  return (
    <div>
      <Space style={{ marginBottom: 8 }} wrap>
        <Typography.Text strong>{doc.title}</Typography.Text>
        {doc.pages.map((p) => (
          <Button key={p.id} size="small" type={p.index === page ? 'primary' : 'default'} onClick={() => onPage(p.index)}>
            {p.index}
            {p.blank ? ` · ${t('ocr.blank')}` : ''}
          </Button>
        ))}
        <a onClick={() => navigate(`documents/${doc.id}`)}>#{doc.id}</a>
      </Space>
      {current && current.hasClean ? (
        <div style={{ position: 'relative', boxShadow: '0 1px 6px rgba(0,0,0,.2)', background: '#fff' }} data-testid="review-page">
          <img src={archiveUrl('clean', current.id, current.cleanV)} alt={t('review.page', { n: page })} style={{ width: '100%', display: 'block' }} />
          {box?.bbox && box.page === page && (
            <div
              data-testid="field-region"
              style={{
                position: 'absolute',
                left: `${box.bbox.x0 * 100}%`,
                top: `${box.bbox.y0 * 100}%`,
                width: `${(box.bbox.x1 - box.bbox.x0) * 100}%`,
                height: `${(box.bbox.y1 - box.bbox.y0) * 100}%`,
                outline: '3px solid #fa8c16',
                background: 'rgba(250,140,22,.12)',
                pointerEvents: 'none',
              }}
            />
          )}
        </div>
      ) : (
        <Alert type="info" message={t('ocr.notRead')} />
      )}
    </div>
  );
}
