// The archive list: search (accent-insensitive), filters, sortable columns, and a
// virtualised table that loads more rows as the user scrolls.
import { Alert, App, Button, Card, DatePicker, Empty, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { foldSearch } from '../../components/foldSearch';
import type { SorterResult } from 'antd/es/table/interface';
import type { Dayjs } from 'dayjs';
import { DATE_FORMATS } from '../../components/DateInput';
import { formatDate } from '../../../../shared/dates';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentSummary, Req } from '../../../../shared/contract';
import { archiveUrl, call } from '../../api/bridge';
import { navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { formatBytes, formatDateTime } from '../../format';
import { useCall } from '../../components/useCall';
import { useUnits } from '../units/useUnits';
import { currentFirst, unitLabel } from '../units/unitLabel';
import { CONG_VAN, DOCUMENT_TYPES } from '../../../../shared/document-fields';
import { DocumentView } from './DocumentView';
import { TrashModal } from './TrashModal';
import { BulkEditButton, BulkUndoBar } from './BulkEdit';

type Query = Req<'documents.list'>;

/** A search snippet: the hits, marked « » by the core, shown highlighted (as text, never as HTML). */
function Snippet({ text }: { text: string }) {
  return (
    <div style={{ fontSize: 12, color: '#666', whiteSpace: 'normal' }} data-testid="snippet">
      {text.split(/(«[^»]*»)/).map((part, i) => (part.startsWith('«') ? <mark key={i}>{part.slice(1, -1)}</mark> : <span key={i}>{part}</span>))}
    </div>
  );
}
const PAGE = 200;

export function DocumentsPage({ openId }: { openId: number | null }) {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const { run } = useCall();
  const { subtree, units } = useUnits();
  const [query, setQuery] = useState<Query>({ query: '', sort: 'createdAt', order: 'desc' });
  const [items, setItems] = useState<DocumentSummary[]>([]);
  const [total, setTotal] = useState(0);
  // the core stops counting at 10,000 hits: the label says "more than"
  const [capped, setCapped] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const generation = useRef(0);
  const { message } = App.useApp();
  const [selected, setSelected] = useState<number[]>([]);
  const [trashOpen, setTrashOpen] = useState(false);
  const [edits, setEdits] = useState(0); // bulk edits made here: the undo bar asks again
  const canEdit = user.role === 'admin' || user.role === 'records_staff';
  const bulk = (f: () => Promise<unknown>) =>
    run(async () => {
      await f();
      setSelected([]);
      void load(0);
    });
  const height = Math.max(300, window.innerHeight - 300);

  const load = useCallback(
    async (offset: number) => {
      const gen = offset === 0 ? ++generation.current : generation.current;
      setLoading(true);
      const r = await run(() => call('documents.list', { ...query, offset, limit: PAGE }), setError);
      setLoading(false);
      if (!r || gen !== generation.current) return;
      setTotal(r.total);
      setCapped(r.totalCapped);
      setItems((prev) => (offset === 0 ? r.items : [...prev, ...r.items]));
      setError(null);
    },
    [query, run],
  );
  useEffect(() => void load(0), [load]);
  // the open document changed (closed after page changes, or a split opened the new part):
  // the list shows what the archive holds now, without a reload
  const shownId = useRef(openId);
  useEffect(() => {
    if (shownId.current === openId) return;
    shownId.current = openId;
    void load(0);
  }, [openId]); // eslint-disable-line react-hooks/exhaustive-deps

  const unitOptions = user.role === 'admin' ? units : user.role === 'unit_head' ? subtree(user.unitId) : [];
  const set = (patch: Partial<Query>) => setQuery((q) => ({ ...q, ...patch }));
  // any filter or search: an empty result says nothing matched, not that the archive is empty
  const filtered = Object.entries(query).some(([k, v]) => !['sort', 'order', 'offset', 'limit'].includes(k) && v !== undefined && v !== null && v !== '');

  return (
    <Card
      title={t('documents.title')}
      extra={
        <Space>
          <Typography.Text type="secondary">{capped ? t('documents.totalMore', { n: total.toLocaleString(i18n.language === 'en' ? 'en-GB' : 'vi-VN') }) : t('documents.total', { count: total })}</Typography.Text>
          {canEdit && <Button icon={<DeleteOutlined />} onClick={() => setTrashOpen(true)} data-testid="open-trash">{t('trash.open')}</Button>}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search allowClear placeholder={t('documents.searchPlaceholder')} style={{ width: 360 }} onSearch={(v) => set({ query: v, sort: v ? 'relevance' : 'createdAt', order: 'desc' })} aria-label={t('common.search')} data-testid="doc-search" />
        {unitOptions.length > 1 && (
          <Select
            allowClear
            showSearch={foldSearch}
            placeholder={t('documents.unit')}
            aria-label={t('documents.unit')}
            data-testid="filter-unit"
            style={{ width: 260 }}
            options={currentFirst(unitOptions).map((u) => ({ value: u.id, label: unitLabel(u, t) }))}
            onChange={(v) => set({ unitId: v ?? undefined })}
          />
        )}
        <Select
          allowClear
          placeholder={t('documents.status')}
          style={{ width: 160 }}
          options={(['imported', 'digitized', 'signed'] as const).map((s) => ({ value: s, label: t(`status.${s}`) }))}
          onChange={(v) => set({ status: v ?? undefined })}
        />
        <DatePicker.RangePicker
          format={DATE_FORMATS}
          placeholder={[t('day.importedFrom'), t('day.importedTo')]}
          aria-label={t('documents.dateRange')}
          onChange={(r: [Dayjs | null, Dayjs | null] | null) => set({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
        />
        <Select
          allowClear
          showSearch={foldSearch}
          placeholder={t('filters.type')}
          aria-label={t('filters.type')}
          style={{ width: 180 }}
          options={[CONG_VAN, ...DOCUMENT_TYPES.map(([, n]) => n)].map((n) => ({ value: n, label: n }))}
          onChange={(v) => set({ type: v ?? undefined })}
          data-testid="filter-type"
        />
        <DatePicker.RangePicker
          format={DATE_FORMATS}
          placeholder={[t('day.issuedFrom'), t('day.issuedTo')]}
          aria-label={t('filters.issued')}
          data-testid="filter-issued"
          onChange={(r: [Dayjs | null, Dayjs | null] | null) => set({ issuedFrom: r?.[0]?.format('YYYY-MM-DD'), issuedTo: r?.[1]?.format('YYYY-MM-DD') })}
        />
      </Space>
      {canEdit && <BulkUndoBar version={edits} onUndone={() => void load(0)} />}
      {canEdit && selected.length > 0 && (
        <Space style={{ marginBottom: 12 }}>
          <BulkEditButton docs={items.filter((d) => selected.includes(d.id))} onDone={() => (setEdits((n) => n + 1), setSelected([]), void load(0))} />
          <Button onClick={() => bulk(async () => (await call('ocr.start', { documentIds: selected }), navigate('import')))} data-testid="bulk-ocr">
            {t('ocr.runSelected', { count: selected.length })}
          </Button>
          {selected.length > 1 && (
            <Popconfirm
              title={t('confirm.merge', { count: selected.length })}
              okText={t('confirm.ok')}
              cancelText={t('confirm.cancel')}
              onConfirm={() =>
                bulk(async () => {
                  const d = await call('documents.merge', { documentIds: selected });
                  message.success(t('pages.merged', { id: d.id }));
                })
              }
            >
              <Button data-testid="merge-selected">{t('pages.merge', { count: selected.length })}</Button>
            </Popconfirm>
          )}
        </Space>
      )}
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Table<DocumentSummary>
        virtual
        rowKey="id"
        size="middle"
        rowSelection={
          canEdit
            ? {
                selectedRowKeys: selected,
                onChange: (keys) => setSelected(keys as number[]),
                columnWidth: 48,
                getCheckboxProps: (d) => ({ 'aria-label': t('day.selectRow', { title: d.title }) }) as object,
                getTitleCheckboxProps: () => ({ 'aria-label': t('common.selectAll') }),
              }
            : undefined
        }
        loading={loading && items.length === 0}
        dataSource={items}
        pagination={false}
        scroll={{ y: height, x: 1100 }}
        locale={{ emptyText: <Empty description={filtered ? t('documents.emptyFiltered') : t('documents.empty')} /> }}
        onScroll={(e) => {
          const el = e.currentTarget;
          if (!loading && items.length < total && el.scrollTop + el.clientHeight > el.scrollHeight - 400) void load(items.length);
        }}
        onChange={(_p, _f, sorter) => {
          const s = sorter as SorterResult<DocumentSummary>;
          const field = (s.columnKey as Query['sort']) ?? 'createdAt';
          set({ sort: s.order ? field : 'createdAt', order: s.order === 'ascend' ? 'asc' : 'desc' });
        }}
        onRow={(d) => ({ onClick: () => navigate(`documents/${d.id}`), style: { cursor: 'pointer' }, 'data-testid': `doc-row-${d.id}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            key: 'thumb',
            width: 64,
            render: (_v, d) => (d.firstPageId ? <img src={archiveUrl('thumb', d.firstPageId)} alt="" loading="lazy" style={{ width: 40, border: '1px solid #eee' }} /> : null),
          },
          {
            key: 'title',
            title: t('documents.columns.title'),
            dataIndex: 'title',
            sorter: true,
            ellipsis: true,
            render: (v, d) => (
              <div>
                <a title={d.sourceName}>{v}</a>
                {d.snippet && <Snippet text={d.snippet} />}
              </div>
            ),
          },
          { key: 'docType', title: t('fields.type'), dataIndex: 'docType', width: 110, ellipsis: true, render: (v) => v ?? '' },
          {
            key: 'docNumber',
            title: `${t('fields.number')} · ${t('fields.date')}`,
            dataIndex: 'docNumber',
            width: 150,
            render: (v: string | null, d) => (
              <>
                <div style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{v ?? ''}</div>
                <div style={{ fontSize: 12, color: '#666' }}>{formatDate(d.docDate)}</div>
              </>
            ),
          },
          {
            key: 'status',
            title: t('documents.status'),
            dataIndex: 'status',
            width: 130,
            render: (v, d) => (
              <>
                <Tag color={v === 'signed' ? 'green' : v === 'digitized' ? 'blue' : 'default'}>{t(`status.${v}`)}</Tag>
                <Tag style={{ marginTop: 4 }} color={{ none: 'default', partial: 'processing', done: 'green', failed: 'red' }[d.ocrState]}>
                  {t(`ocr.state.${d.ocrState}`)}
                </Tag>
              </>
            ),
          },
          { key: 'pageCount', title: t('documents.columns.pages'), dataIndex: 'pageCount', sorter: true, width: 80, align: 'right' },
          { key: 'unitName', title: t('documents.columns.unit'), dataIndex: 'unitName', sorter: true, width: 160, ellipsis: true, render: (v) => v ?? t('documents.unassigned') },
          {
            key: 'createdAt',
            title: t('documents.columns.createdAt'),
            dataIndex: 'createdAt',
            sorter: true,
            defaultSortOrder: 'descend',
            width: 150,
            render: (v, d) => (
              <>
                <div>{formatDateTime(v)}</div>
                <div style={{ fontSize: 12, color: '#666', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                  {d.createdBy} · {formatBytes(d.size)}
                </div>
              </>
            ),
          },
        ]}
      />
      {openId !== null && <DocumentView id={openId} onClose={() => navigate('documents')} />}
      <TrashModal open={trashOpen} admin={user.role === 'admin'} onClose={(changed) => (setTrashOpen(false), changed && void load(0))} />
    </Card>
  );
}
