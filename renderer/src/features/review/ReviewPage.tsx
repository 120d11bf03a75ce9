// The reviewer's desk: the cleaned page beside the tagged fields, the source region of the
// focused field outlined on the page, register entries proposed with a score, and the
// keyboard doing the work (Enter next field, Ctrl+Enter accept and go on, Alt+←/→ documents).
import { Alert, App, Button, Card, Empty, Input, List, Progress, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentDetail, FieldRow, RegisterProposal } from '../../../../shared/contract';
import { FIELD_NAMES, type FieldName } from '../../../../shared/document-fields';
import { archiveUrl, call } from '../../api/bridge';
import { navigate } from '../../app/router';
import { useErrorText } from '../../i18n';
import { DateInput } from '../../components/DateInput';
import { DuplicateAlert } from '../documents/DuplicateAlert';
import { formatDate } from '../../../../shared/dates';

const LONG: FieldName[] = ['subject', 'agency'];
// recipients are one per line in the archive and "; "-separated on screen, so Enter can move on
const shown = (n: FieldName, v: string | null) => (n === 'recipients' ? (v ?? '').split('\n').join('; ') : v ?? '');
const stored = (n: FieldName, v: string) => (n === 'recipients' ? v.split(/\s*;\s*/).filter(Boolean).join('\n') : v.trim());
const LOW = 0.6;
/** where a value came from, as the tag beside its label says it */
const SOURCE_TAG: Record<string, { key: string; colour: string }> = {
  ocr: { key: 'review.fromOcr', colour: 'default' },
  text: { key: 'review.fromText', colour: 'cyan' },
  digits: { key: 'review.fromDigits', colour: 'purple' },
  signature: { key: 'review.fromSignature', colour: 'geekblue' },
  qr: { key: 'review.fromQr', colour: 'blue' },
  user: { key: 'review.fromUser', colour: 'green' },
  accepted: { key: 'review.fromAccepted', colour: 'green' },
};
// every machine-read value can be unsure: OCR, a hand-written re-read, a signing date
const isLow = (f: FieldRow | undefined) => !!f && f.value !== null && !['user', 'accepted', 'qr'].includes(f.source) && (f.confidence ?? 1) < LOW;
// fields a result cannot do without: an empty one is doubtful too
const KEY_FIELDS: FieldName[] = ['agency', 'number', 'date', 'type', 'subject'];

/** The field to start on: the first one read with low confidence, else the first key field left empty, else the first. */
function firstDoubtful(doc: DocumentDetail): FieldName {
  const f = (n: FieldName) => doc.fields.find((x) => x.name === n);
  return FIELD_NAMES.find((n) => isLow(f(n))) ?? KEY_FIELDS.find((n) => !f(n)?.value) ?? FIELD_NAMES[0];
}

export function ReviewPage({ openId }: { openId: number | null }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [ids, setIds] = useState<number[] | null>(null);
  const [at, setAt] = useState(0);
  const [doc, setDoc] = useState<DocumentDetail | null>(null);
  const [values, setValues] = useState<Record<string, string>>({});
  const [focus, setFocus] = useState<FieldName>('agency');
  const [page, setPage] = useState(1);
  const [proposals, setProposals] = useState<RegisterProposal[]>([]);
  const [dossier, setDossier] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inputs = useRef<Partial<Record<FieldName, HTMLInputElement | HTMLTextAreaElement | null>>>({});

  // the queue: documents read by OCR and not yet accepted; a document opened by link joins it
  useEffect(() => {
    call('documents.toReview', {})
      .then(({ ids: q }) => {
        const list = openId && !q.includes(openId) ? [openId, ...q] : q;
        setIds(list);
        setAt(openId ? Math.max(0, list.indexOf(openId)) : 0);
      })
      .catch((e) => setError(errorText(e)));
  }, [openId]); // eslint-disable-line react-hooks/exhaustive-deps

  const id = ids?.[at] ?? null;
  useEffect(() => {
    if (id === null) return;
    setDoc(null);
    setPage(1);
    Promise.all([call('documents.get', { id }), call('documents.proposals', { id })])
      .then(([d, p]) => {
        setDoc(d);
        setValues(Object.fromEntries(FIELD_NAMES.map((n) => [n, shown(n, d.fields.find((f) => f.name === n)?.value ?? null)])));
        setProposals(p.items);
        setDossier(d.dossierCode ?? (p.items[0]?.score === 1 ? p.items[0].dossierCode : ''));
      })
      .catch((e) => setError(errorText(e)));
  }, [id]); // eslint-disable-line react-hooks/exhaustive-deps

  const field = (n: FieldName): FieldRow | undefined => doc?.fields.find((f) => f.name === n);

  // a document shown (the first, or the next after Alt+→ or acceptance): the cursor goes to
  // its first doubtful field, so the keyboard goes on where the work is
  useEffect(() => {
    if (!doc) return;
    const first = firstDoubtful(doc);
    setFocus(first);
    document.getElementById(`field-${first}`)?.focus();
  }, [doc?.id]); // eslint-disable-line react-hooks/exhaustive-deps
  const move = (delta: number) => setAt((i) => Math.min(Math.max(0, i + delta), (ids?.length ?? 1) - 1));

  const save = useCallback(
    async (accept: boolean) => {
      if (!doc) return;
      setBusy(true);
      try {
        const fields = Object.fromEntries(FIELD_NAMES.map((n) => [n, stored(n, values[n] ?? '') || null]));
        await call('documents.review', { id: doc.id, fields, dossierCode: dossier.trim() || null, accept });
        if (accept) {
          message.success(t('review.accepted'));
          // accepted documents leave the queue
          setIds((q) => q && q.filter((x) => x !== doc.id));
          setAt((i) => Math.min(i, Math.max(0, (ids?.length ?? 1) - 2)));
        } else message.success(t('review.saved'));
      } catch (e) {
        message.error(errorText(e));
      } finally {
        setBusy(false);
      }
    },
    [doc, values, dossier, ids], // eslint-disable-line react-hooks/exhaustive-deps
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey && e.key === 'Enter') {
        e.preventDefault();
        void save(true);
      } else if (e.altKey && e.key === 'ArrowRight') {
        e.preventDefault();
        move(1);
      } else if (e.altKey && e.key === 'ArrowLeft') {
        e.preventDefault();
        move(-1);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [save]); // eslint-disable-line react-hooks/exhaustive-deps

  const onFocus = (n: FieldName) => {
    setFocus(n);
    const p = field(n)?.page;
    if (p) setPage(p);
  };
  const onFieldKey = (n: FieldName) => (e: React.KeyboardEvent) => {
    if (e.key !== 'Enter' || e.ctrlKey || e.altKey) return;
    e.preventDefault();
    const i = FIELD_NAMES.indexOf(n) + (e.shiftKey ? -1 : 1);
    const next = FIELD_NAMES[Math.min(Math.max(0, i), FIELD_NAMES.length - 1)];
    (inputs.current[next] ?? document.getElementById(`field-${next}`))?.focus();
  };

  if (error) return <Alert type="error" showIcon message={error} />;
  if (!ids) return <Spin />;
  if (!ids.length)
    return (
      <Card title={t('review.title')}>
        <Empty description={t('review.empty')} />
      </Card>
    );

  const current = doc?.pages[page - 1];
  const box = field(focus);
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
          <div>
            <Space style={{ marginBottom: 8 }} wrap>
              <Typography.Text strong>{doc.title}</Typography.Text>
              {doc.pages.map((p) => (
                <Button key={p.id} size="small" type={p.index === page ? 'primary' : 'default'} onClick={() => setPage(p.index)}>
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
          <div>
            <DuplicateAlert doc={doc} />
            <Space direction="vertical" size={6} style={{ width: '100%' }}>
              {FIELD_NAMES.map((n) => {
                const f = field(n);
                const low = isLow(f);
                const from = f && f.value !== null ? SOURCE_TAG[f.source] : undefined;
                const common = {
                  id: `field-${n}`,
                  'data-testid': `field-${n}`,
                  value: values[n] ?? '',
                  status: low ? ('warning' as const) : undefined,
                  onFocus: () => onFocus(n),
                  onKeyDown: onFieldKey(n),
                  onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setValues((v) => ({ ...v, [n]: e.target.value })),
                };
                return (
                  <div key={n}>
                    <label htmlFor={`field-${n}`} style={{ fontSize: 12, color: '#555' }}>
                      {t(`fields.${n}`)}{' '}
                      {from && (
                        <Tag color={from.colour} data-testid={`source-${n}`} data-source={f!.source}>
                          {t(from.key)}
                        </Tag>
                      )}
                      {low && (
                        <Tooltip title={t('ocr.confidence', { n: Math.round((f!.confidence ?? 0) * 100) })}>
                          <Tag color="orange">{t('review.lowConfidence')}</Tag>
                        </Tooltip>
                      )}
                    </label>
                    {n === 'date' ? (
                      <DateInput
                        id="field-date"
                        data-testid="field-date"
                        style={{ width: '100%' }}
                        value={values.date || null}
                        status={low ? 'warning' : undefined}
                        onFocus={() => onFocus(n)}
                        onKeyDown={onFieldKey(n)}
                        onChange={(iso) => setValues((v) => ({ ...v, date: iso ?? '' }))}
                      />
                    ) : LONG.includes(n) ? (
                      <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} ref={(el) => void (inputs.current[n] = el?.resizableTextArea?.textArea ?? null)} {...common} />
                    ) : (
                      <Input ref={(el) => void (inputs.current[n] = el?.input ?? null)} {...common} />
                    )}
                  </div>
                );
              })}
            </Space>
            <Card size="small" title={t('review.proposals')} style={{ marginTop: 12 }}>
              {proposals.length === 0 ? (
                <Typography.Text type="secondary">{t('review.noProposal')}</Typography.Text>
              ) : (
                <List
                  size="small"
                  dataSource={proposals}
                  renderItem={(p) => (
                    <List.Item
                      data-testid="proposal"
                      actions={[
                        <Button key="c" size="small" type={dossier === p.dossierCode ? 'primary' : 'default'} onClick={() => setDossier(p.dossierCode)}>
                          {t('review.choose')}
                        </Button>,
                      ]}
                    >
                      <Space direction="vertical" size={0}>
                        <span>
                          <b>{p.dossierCode}</b> · {p.holderName ?? ''} · {p.resultNumber ?? ''} · {formatDate(p.issuedOn)}
                        </span>
                        <span style={{ fontSize: 12 }}>
                          <Tag color={p.score >= 0.9 ? 'green' : p.score >= 0.5 ? 'gold' : 'default'}>{t('review.score', { n: Math.round(p.score * 100) })}</Tag>
                          {p.reasons.map((r) => t(`review.reasons.${r}`)).join(', ')}
                        </span>
                      </Space>
                    </List.Item>
                  )}
                />
              )}
              <Input style={{ marginTop: 8 }} placeholder={t('review.dossier')} aria-label={t('review.dossier')} value={dossier} onChange={(e) => setDossier(e.target.value)} data-testid="review-dossier" />
            </Card>
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
        </div>
      )}
    </Card>
  );
}
