// The register's list: search, the filters users asked for ("chưa số hóa", "chưa gắn tệp", by
// procedure, by issue dates), saved views of those filters, and manual entry.
import { Alert, Button, DatePicker, Input, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegisterEntry, Res } from '../../../../shared/contract';
import { call } from '../../api/bridge';
import { navigate } from '../../app/router';
import { DATE_FORMATS } from '../../components/DateInput';
import { foldSearch } from '../../components/foldSearch';
import { SavedViews } from '../../components/SavedViews';
import { useCall } from '../../components/useCall';

const viDate = (d: string | null) => (d ? dayjs(d).format('DD/MM/YYYY') : '');

/** What a saved view of the register holds. */
export interface RegisterFilterState {
  query: string;
  digitized?: 'yes' | 'no';
  linked?: 'yes' | 'no';
  procedureCode?: string;
  issuedFrom?: string;
  issuedTo?: string;
}
const KEYS = ['digitized', 'linked', 'procedureCode', 'issuedFrom', 'issuedTo'] as const;
/** A saved view's values back into the filters (nulls and unknown keys dropped). */
const fromView = (v: Record<string, unknown>): RegisterFilterState => ({
  query: typeof v.query === 'string' ? v.query : '',
  ...Object.fromEntries(KEYS.filter((k) => typeof v[k] === 'string' && v[k]).map((k) => [k, v[k]])),
});

export function RegisterList({ version, onAdd }: { version: number; onAdd: () => void }) {
  const { t } = useTranslation();
  const { run } = useCall();
  const [filters, setFilters] = useState<RegisterFilterState>({ query: '' });
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ total: number; items: RegisterEntry[] }>({ total: 0, items: [] });
  const [procedures, setProcedures] = useState<Res<'register.procedures'>>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => void run(async () => setProcedures(await call('register.procedures', {}))), [run, version]);
  useEffect(() => {
    void run(() => call('register.list', { ...filters, offset: (page - 1) * 50, limit: 50 }).then((d) => (setData(d), setError(null))), setError);
  }, [filters, page, version, run]);
  const set = (patch: Partial<RegisterFilterState>) => (setPage(1), setFilters((f) => ({ ...f, ...patch })));
  const range: [Dayjs | null, Dayjs | null] = [filters.issuedFrom ? dayjs(filters.issuedFrom) : null, filters.issuedTo ? dayjs(filters.issuedTo) : null];
  const filtered = KEYS.some((k) => filters[k]) || !!filters.query;
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('register.search')} style={{ width: 340 }} value={filters.query} onChange={(e) => setFilters((f) => ({ ...f, query: e.target.value }))} onSearch={(v) => set({ query: v })} />
        <Select
          allowClear
          placeholder={t('registerFilter.digitized')}
          aria-label={t('registerFilter.digitized')}
          data-testid="register-filter-digitized"
          style={{ width: 160 }}
          value={filters.digitized}
          options={[{ value: 'no', label: t('registerFilter.notDigitized') }, { value: 'yes', label: t('registerFilter.digitizedYes') }]}
          onChange={(v) => set({ digitized: v })}
        />
        <Select
          allowClear
          placeholder={t('registerFilter.linked')}
          aria-label={t('registerFilter.linked')}
          data-testid="register-filter-linked"
          style={{ width: 150 }}
          value={filters.linked}
          options={[{ value: 'no', label: t('registerFilter.notLinked') }, { value: 'yes', label: t('registerFilter.linkedYes') }]}
          onChange={(v) => set({ linked: v })}
        />
        <Select
          allowClear
          showSearch={foldSearch}
          placeholder={t('registerFilter.procedure')}
          aria-label={t('registerFilter.procedure')}
          data-testid="register-filter-procedure"
          style={{ width: 260 }}
          value={filters.procedureCode}
          options={procedures.map((p) => ({ value: p.code, label: `${p.name} (${p.count})` }))}
          onChange={(v) => set({ procedureCode: v })}
        />
        <DatePicker.RangePicker
          format={DATE_FORMATS}
          value={range}
          placeholder={[t('registerFilter.issuedFrom'), t('registerFilter.issuedTo')]}
          aria-label={t('registerFilter.issued')}
          data-testid="register-filter-issued"
          onChange={(r) => set({ issuedFrom: r?.[0]?.format('YYYY-MM-DD'), issuedTo: r?.[1]?.format('YYYY-MM-DD') })}
        />
        {filtered && <Button onClick={() => set({ query: '', digitized: undefined, linked: undefined, procedureCode: undefined, issuedFrom: undefined, issuedTo: undefined })}>{t('registerFilter.clear')}</Button>}
        <SavedViews screen="register" filters={{ ...filters }} onApply={(v) => (setPage(1), setFilters(fromView(v)))} />
        <Button type="primary" onClick={onAdd}>
          {t('register.add')}
        </Button>
      </Space>
      {error && <Alert type="error" showIcon message={error} />}
      <Typography.Text type="secondary" data-testid="register-total">
        {t('registerFilter.total', { count: data.total })}
      </Typography.Text>
      <Table<RegisterEntry>
        rowKey="id"
        size="small"
        dataSource={data.items}
        data-testid="register-table"
        pagination={{ current: page, pageSize: 50, total: data.total, onChange: setPage, showSizeChanger: false }}
        // at 1280 px the columns scroll inside the card instead of squeezing the procedure out and the page sideways
        scroll={{ x: 1100 }}
        columns={[
          { title: t('register.dossierCode'), dataIndex: 'dossierCode', width: 150 },
          { title: t('register.procedureName'), dataIndex: 'procedureName', ellipsis: true },
          { title: t('register.holderName'), dataIndex: 'holderName', width: 150, ellipsis: true },
          { title: t('register.unit'), dataIndex: 'unitName', width: 150, ellipsis: true },
          { title: t('register.issuedOn'), dataIndex: 'issuedOn', width: 105, render: viDate },
          { title: t('register.validUntil'), dataIndex: 'validUntil', width: 115, render: (v) => (v ? viDate(v) : <Typography.Text type="secondary">{t('register.noExpiry')}</Typography.Text>) },
          { title: t('register.revokedOn'), dataIndex: 'revokedOn', width: 105, render: viDate },
          {
            title: t('register.digitized'),
            width: 170,
            render: (_v, e) =>
              e.digitizedOn ? (
                <Space size={4}>
                  <Tag color="green">{t('register.digitizedOn', { d: viDate(e.digitizedOn) })}</Tag>
                  {e.documentId && <a onClick={() => navigate(`documents/${e.documentId}`)}>#{e.documentId}</a>}
                </Space>
              ) : (
                <Space size={4}>
                  <Tag>{t('register.notDigitized')}</Tag>
                  {e.documentId && <a onClick={() => navigate(`documents/${e.documentId}`)}>#{e.documentId}</a>}
                </Space>
              ),
          },
        ]}
      />
    </>
  );
}
