// The reviewer's desk: the cleaned page beside the tagged fields, the source region of the
// focused field outlined on the page, register entries proposed with a score, and the
// keyboard doing the work (Enter next field, Ctrl+Enter accept and go on, Alt+←/→ documents).
// The queue and saving live in useReview; the page, the fields and the proposals are panels.
import { Alert, Button, Card, Empty, Progress, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldName } from '../../../../shared/document-fields';
import { DuplicateAlert } from '../documents/DuplicateAlert';
import { ProposalsCard } from './ProposalsCard';
import { firstDoubtful } from './review-fields';
import { ReviewFields } from './ReviewFields';
import { ReviewPageImage } from './ReviewPageImage';
import { useReview, type Review } from './useReview';

export function ReviewPage({ openId }: { openId: number | null }) {
  const { t } = useTranslation();
  const review = useReview(openId);
  const { ids, at, doc, error, move, save } = review;
  const [focus, setFocus] = useState<FieldName>('agency');
  const [page, setPage] = useState(1);

  // a document shown (the first, or the next after Alt+→ or acceptance): the cursor goes to
  // its first doubtful field, so the keyboard goes on where the work is
  useEffect(() => {
    if (!doc) return;
    const first = firstDoubtful(doc);
    setPage(1);
    setFocus(first);
    document.getElementById(`field-${first}`)?.focus();
  }, [doc?.id]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const action = e.ctrlKey && e.key === 'Enter' ? () => void save(true) : e.altKey && e.key === 'ArrowRight' ? () => move(1) : e.altKey && e.key === 'ArrowLeft' ? () => move(-1) : null;
      if (!action) return;
      e.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [save, move]);

  if (error) return <Alert type="error" showIcon message={error} />;
  if (!ids) return <Spin />;
  if (!ids.length)
    return (
      <Card title={t('review.title')}>
        <Empty description={t('review.empty')} />
      </Card>
    );

  const onFocus = (n: FieldName) => {
    setFocus(n);
    const p = doc?.fields.find((f) => f.name === n)?.page;
    if (p) setPage(p);
  };
  return (
    <Card
      title={t('review.title')}
      extra={
        <Space>
          <Typography.Text data-testid="review-counter">{t('review.counter', { n: at + 1, total: ids.length })}</Typography.Text>
          <Button onClick={() => move(-1)} disabled={at === 0} title={t('review.prev')}>
            ←
          </Button>
          <Button onClick={() => move(1)} disabled={at >= ids.length - 1} title={t('review.skip')}>
            →
          </Button>
        </Space>
      }
    >
      <Progress percent={Math.round(((at + 1) / ids.length) * 100)} showInfo={false} size="small" />
      {!doc && <Spin />}
      {doc && (
        <div style={{ display: 'grid', gridTemplateColumns: 'minmax(420px, 1fr) 460px', gap: 20, marginTop: 12 }}>
          <ReviewPageImage doc={doc} page={page} onPage={setPage} box={doc.fields.find((f) => f.name === focus)} />
          <ReviewSide review={review} onFocus={onFocus} />
        </div>
      )}
    </Card>
  );
}

/** The right-hand column: fields, proposals, and the decision kept in view. */
function ReviewSide({ review, onFocus }: { review: Review; onFocus: (n: FieldName) => void }) {
  const { t } = useTranslation();
  const { doc, values, setValues, proposals, dossier, setDossier, busy, save } = review;
  return (
    <div>
      <DuplicateAlert doc={doc!} />
      <ReviewFields doc={doc!} values={values} onValue={(n, v) => setValues((cur) => ({ ...cur, [n]: v }))} onFocus={onFocus} />
      <ProposalsCard proposals={proposals} dossier={dossier} onDossier={setDossier} />
      {/* the decision stays in view however long the fields are */}
      <Space
        wrap
        data-testid="review-actions"
        style={{ position: 'sticky', bottom: 0, zIndex: 2, marginTop: 12, padding: '8px 0', background: '#fff', width: '100%', borderTop: '1px solid #f0f0f0' }}
      >
        <Button type="primary" onClick={() => save(true)} loading={busy} data-testid="review-accept">
          {t('review.accept')}
        </Button>
        <Button onClick={() => save(false)} disabled={busy}>
          {t('review.saveOnly')}
        </Button>
      </Space>
      <div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('review.keyboard')}
        </Typography.Text>
      </div>
    </div>
  );
}
