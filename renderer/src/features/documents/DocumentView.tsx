// A document opened from the archive: page thumbnails, the page itself, and its details.
// Keyboard: ← → change page, Esc closes.
import { Alert, Button, Descriptions, Drawer, Segmented, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentDetail } from '../../../../shared/contract';
import { archiveUrl, bridge, call } from '../../api/bridge';
import { useCall } from '../../components/useCall';
import { formatBytes, formatDateTime } from '../../format';
import { useSession } from '../../app/session';
import { LinkPanel } from './LinkPanel';
import { PdfPage } from './PdfPage';
import { SignaturePanel } from './SignaturePanel';
import { OcrPanel } from './OcrPanel';
import { PageTools } from './PageTools';
import { DuplicateAlert } from './DuplicateAlert';
import { TrashButton, UndoBar } from './UndoBar';

export function DocumentView({ id, onClose }: { id: number; onClose: () => void }) {
  const { t } = useTranslation();
  const { run } = useCall();
  const { user } = useSession();
  const [doc, setDoc] = useState<DocumentDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [zoom, setZoom] = useState(1);
  // a signed document opens on its signed copy (with the visible signature); the scan is a click away
  const [view, setView] = useState<'signed' | 'scan'>('signed');

  useEffect(() => {
    setDoc(null);
    setError(null);
    setPage(1);
    void run(() => call('documents.get', { id }).then(setDoc), setError);
  }, [id, run]);

  // a page being read (after a turn, or OCR started elsewhere): follow the OCR job, so the
  // state, the fields, the pages and the searchable PDF change without a manual refresh
  const reading = !!doc?.pages.some((p) => p.ocrState !== 'done' && p.ocrState !== 'failed');
  useEffect(
    () =>
      bridge.on('job.updated', (st) => {
        if (st.kind !== 'ocr' || !(reading || st.outcomes.some((o) => o.documentId === id))) return;
        call('documents.get', { id }).then(setDoc).catch(() => undefined);
      }),
    [id, reading],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!doc || (e.target as HTMLElement)?.tagName === 'INPUT') return;
      if (e.key === 'ArrowRight') setPage((p) => Math.min(doc.pageCount, p + 1));
      if (e.key === 'ArrowLeft') setPage((p) => Math.max(1, p - 1));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [doc]);

  const current = doc?.pages[page - 1];
  const canEdit = (user.role === 'admin' || user.role === 'records_staff') && doc?.status !== 'signed';
  const reload = () => run(() => call('documents.get', { id }).then(setDoc), setError);
  const width = Math.round(760 * zoom);
  return (
    <Drawer open width="92%" onClose={onClose} title={doc ? doc.title : t('common.loading')} destroyOnHidden data-testid="document-view">
      {error && <Alert type="error" showIcon message={error} />}
      {!doc && !error && <Spin />}
      {doc && current && (
        <div style={{ display: 'grid', gridTemplateColumns: '140px 1fr 320px', gap: 16, height: '100%' }}>
          <div style={{ overflowY: 'auto' }} aria-label={t('viewer.thumbnails')}>
            {doc.pages.map((p) => (
              <button
                key={p.id}
                onClick={() => setPage(p.index)}
                draggable={canEdit}
                data-testid={`thumb-${p.index}`}
                onDragStart={(e) => e.dataTransfer.setData('text/x-sohoa-page', String(p.id))}
                onDragOver={(e) => canEdit && e.preventDefault()}
                onDrop={(e) => {
                  // dropping a thumbnail on another puts it in that place
                  e.preventDefault();
                  const moved = Number(e.dataTransfer.getData('text/x-sohoa-page'));
                  if (!moved || moved === p.id) return;
                  const ids = doc.pages.map((x) => x.id).filter((id) => id !== moved);
                  ids.splice(ids.indexOf(p.id) + (doc.pages.findIndex((x) => x.id === moved) < p.index - 1 ? 1 : 0), 0, moved);
                  void run(() => call('pages.reorder', { documentId: doc.id, pageIds: ids }).then((d) => (setDoc(d), setPage(d.pages.findIndex((x) => x.id === moved) + 1))), setError);
                }}
                style={{ display: 'block', border: p.index === page ? '2px solid #b4232c' : '1px solid #ddd', padding: 2, marginBottom: 8, background: '#fff', cursor: 'pointer' }}
                aria-label={t('viewer.page', { n: p.index, total: doc.pageCount })}
              >
                <Thumb id={p.id} turn={p.rotationByUser ? p.rotation : 0} />
                <div style={{ fontSize: 12 }}>
                  {p.index}
                  {p.blank && <Tag color="orange" style={{ marginLeft: 4 }}>{t('ocr.blank')}</Tag>}
                  {p.ocrState === 'failed' && <Tag color="red" style={{ marginLeft: 4 }} title={p.ocrError ?? ''}>!</Tag>}
                </div>
              </button>
            ))}
          </div>
          <div style={{ overflow: 'auto', textAlign: 'center', background: '#eceff1', padding: 16 }}>
            <Space style={{ marginBottom: 12 }}>
              <Button onClick={() => setPage(Math.max(1, page - 1))} disabled={page === 1} title={t('viewer.prev')}>
                ←
              </Button>
              <Typography.Text data-testid="page-indicator">{t('viewer.page', { n: page, total: doc.pageCount })}</Typography.Text>
              <Button onClick={() => setPage(Math.min(doc.pageCount, page + 1))} disabled={page === doc.pageCount} title={t('viewer.next')}>
                →
              </Button>
              <Button onClick={() => setZoom((z) => Math.max(0.5, z - 0.25))} title={t('viewer.zoomOut')}>
                −
              </Button>
              <Button onClick={() => setZoom((z) => Math.min(3, z + 0.25))} title={t('viewer.zoomIn')}>
                +
              </Button>
            </Space>
            {doc.signedV && (
              <Segmented
                style={{ marginBottom: 12 }}
                value={view}
                onChange={(v) => setView(v as 'signed' | 'scan')}
                options={[
                  { value: 'signed', label: t('day.signedCopy') },
                  { value: 'scan', label: t('day.scanCopy') },
                ]}
                data-testid="view-switch"
              />
            )}
            <div>
              {doc.signedV && view === 'signed' ? (
                <PdfPage url={archiveUrl('signed', doc.id, doc.signedV)} page={page} width={width} />
              ) : doc.hasSearchable ? (
                <PdfPage url={archiveUrl('searchable', doc.id, doc.searchableV)} page={page} width={width} />
              ) : doc.kind === 'pdf' ? (
                <PdfPage url={archiveUrl('file', doc.id, doc.sha256.slice(0, 16))} page={page} width={width} />
              ) : (
                <img src={archiveUrl('preview', current.id)} alt={t('viewer.page', { n: page, total: doc.pageCount })} data-testid="page-image" style={{ width, boxShadow: '0 1px 6px rgba(0,0,0,.2)', background: '#fff' }} />
              )}
            </div>
            {canEdit && <UndoBar doc={doc} onUndone={reload} />}
            {canEdit && <PageTools doc={doc} page={current} onChange={(d) => (d ? setDoc(d) : reload())} onPage={setPage} />}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('viewer.keyboard')}
            </Typography.Text>
          </div>
          <div>
            <DuplicateAlert doc={doc} />
            <Descriptions column={1} size="small" bordered title={t('viewer.info')} styles={{ label: { width: 120 } }}>
              <Descriptions.Item label={t('documents.columns.unit')}>{doc.unitName ?? t('documents.unassigned')}</Descriptions.Item>
              <Descriptions.Item label={t('documents.status')}>
                <Tag>{t(`status.${doc.status}`)}</Tag>
              </Descriptions.Item>
              <Descriptions.Item label={t('viewer.file')}>
                <a href={archiveUrl('file', doc.id)} download={doc.sourceName}>
                  {doc.sourceName}
                </a>{' '}
                ({formatBytes(doc.size)})
              </Descriptions.Item>
              <Descriptions.Item label={t('documents.columns.createdBy')}>{doc.createdBy}</Descriptions.Item>
              <Descriptions.Item label={t('documents.columns.createdAt')}>{formatDateTime(doc.createdAt)}</Descriptions.Item>
              <Descriptions.Item label={t('viewer.size')}>
                {current.width} × {current.height} {doc.kind === 'pdf' ? 'pt' : 'px'}
              </Descriptions.Item>
              <Descriptions.Item label={t('viewer.dpi')}>
                <span data-testid="page-dpi">
                  {current.dpi ? `${current.dpi} dpi` : t('viewer.dpiUnknown')}
                  {current.paper && ` · ${t('viewer.paperInferred', { paper: current.paper.paper, stated: current.paper.statedDpi })}`}
                </span>
              </Descriptions.Item>
              <Descriptions.Item label={t('viewer.colour')}>{current.colour ? t('viewer.colourYes') : t('viewer.colourNo')}</Descriptions.Item>
              <Descriptions.Item label={t('viewer.sha256')}>
                <Typography.Text code style={{ fontSize: 11, wordBreak: 'break-all' }}>
                  {doc.sha256}
                </Typography.Text>
              </Descriptions.Item>
            </Descriptions>
            <OcrPanel doc={doc} canRun={user.role === 'admin' || user.role === 'records_staff'} onChange={reload} />
            {(user.role === 'admin' || user.role === 'records_staff') && <LinkPanel doc={doc} onChange={setDoc} />}
            {(doc.status === 'signed' || doc.kind === 'pdf') && <SignaturePanel doc={doc} />}
            {canEdit && <TrashButton doc={doc} onTrashed={onClose} />}
          </div>
        </div>
      )}
    </Drawer>
  );
}

const FRAME = { width: 120, height: 170 };

/**
 * A page thumbnail turned the way the user turned the page, kept inside its fixed frame:
 * a quarter turn swaps the limits so the turned picture still fits.
 */
function Thumb({ id, turn }: { id: number; turn: number }) {
  const quarter = turn === 90 || turn === 270;
  return (
    <div data-testid="thumb-frame" style={{ ...FRAME, display: 'flex', alignItems: 'center', justifyContent: 'center', overflow: 'hidden' }}>
      <img
        src={archiveUrl('thumb', id)}
        alt=""
        style={{
          maxWidth: quarter ? FRAME.height : FRAME.width,
          maxHeight: quarter ? FRAME.width : FRAME.height,
          transform: turn ? `rotate(${turn}deg)` : undefined,
        }}
      />
    </div>
  );
}
