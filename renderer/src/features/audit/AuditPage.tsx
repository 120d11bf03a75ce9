// Who did what, when, to which object: every state-changing action, newest first, worded in
// the interface language, the object linked, filtered by user, action, object and date, and
// exported as CSV (the rows the filter shows).
import { csvText } from '../../../../shared/csv';
import { Button, Card, Input, Select, Space, Table, Tooltip, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { DatePicker } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Req, Res, UserRow } from '../../../../shared/contract';
import { call } from '../../api/bridge';
import { navigate } from '../../app/router';
import { DATE_FORMATS } from '../../components/DateInput';
import { foldSearch } from '../../components/foldSearch';
import { useCall } from '../../components/useCall';
import { formatDateTime } from '../../format';
import { AuditChainStatus } from './AuditChainStatus';
import { auditWords } from './audit-words';

const PAGE = 50;
type Row = Res<'audit.list'>['items'][number];
type Filter = Omit<Req<'audit.list'>, 'offset' | 'limit'>;

export function AuditPage() {
  const { t, i18n } = useTranslation();
  const [page, setPage] = useState(1);
  const [filter, setFilter] = useState<Filter>({});
  const [data, setData] = useState<Res<'audit.list'>>({ total: 0, items: [], actions: [] });
  const [users, setUsers] = useState<UserRow[]>([]);
  const [exporting, setExporting] = useState(false);
  const { run } = useCall();
  useEffect(() => void call('users.list', {}).then(setUsers).catch(() => null), []);
  useEffect(() => void call('audit.list', { ...filter, offset: (page - 1) * PAGE, limit: PAGE }).then(setData).catch(() => null), [page, filter]);
  const set = (patch: Filter) => (setPage(1), setFilter((f) => ({ ...f, ...patch })));

  const { action, objectType, objectText, details } = auditWords(t);
  const link = (r: Row) =>
    r.objectType === 'document' ? `documents/${r.objectId}` : r.objectType === 'user' ? 'users' : r.objectType === 'unit' ? 'units' : null;

  const exportCsv = async () => {
    setExporting(true);
    await run(async () => {
      const rows: Row[] = [];
      for (let offset = 0; offset < 20_000; offset += 500) {
        const r = await call('audit.list', { ...filter, offset, limit: 500 });
        rows.push(...r.items);
        if (rows.length >= r.total) break;
      }
      const head = [t('audit.at'), t('audit.user'), t('audit.action'), t('audit.object'), t('audit.details')];
      const lines = [head, ...rows.map((r) => [formatDateTime(r.at), r.username ?? t('audit.cli'), action(r.action), objectText(r) + (r.labelAtTheTime ? '' : ` (${t('auditWords.nameNow')})`), details(r)])];
      const csv = csvText(lines);
      const a = document.createElement('a');
      a.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
      a.download = `nhat-ky-thao-tac-${new Date().toISOString().slice(0, 10)}.csv`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 1000);
    });
    setExporting(false);
  };

  return (
    <Card
      title={t('audit.title')}
      extra={
        <Button icon={<DownloadOutlined />} onClick={exportCsv} loading={exporting} data-testid="audit-export">
          {t('day.exportCsv')}
        </Button>
      }
    >
      <AuditChainStatus />
      <Space wrap style={{ marginTop: 16, marginBottom: 12 }}>
        <Select
          allowClear
          showSearch={foldSearch}
          placeholder={t('audit.user')}
          aria-label={t('audit.user')}
          data-testid="audit-user"
          style={{ width: 220 }}
          options={users.map((u) => ({ value: u.id, label: `${u.fullName} (${u.username})` }))}
          onChange={(v) => set({ userId: v ?? undefined })}
        />
        <Select
          allowClear
          showSearch={foldSearch}
          placeholder={t('audit.action')}
          aria-label={t('audit.action')}
          data-testid="audit-action"
          style={{ width: 260 }}
          options={data.actions.map((a) => ({ value: a, label: action(a) }))}
          onChange={(v) => set({ action: v ?? undefined })}
        />
        <Select
          allowClear
          placeholder={t('audit.object')}
          aria-label={t('audit.object')}
          style={{ width: 170 }}
          options={['document', 'page', 'user', 'unit', 'job', 'file', 'catalogue', 'dossier', 'target', 'setting', 'spki'].map((o) => ({ value: o, label: objectType(o) }))}
          onChange={(v) => set({ objectType: v ?? undefined })}
          data-testid="audit-object-type"
        />
        <Input.Search allowClear placeholder={t('day.objectId')} aria-label={t('day.objectId')} style={{ width: 160 }} onSearch={(v) => set({ objectId: v.trim() || undefined })} />
        <DatePicker.RangePicker
          format={DATE_FORMATS}
          placeholder={[t('day.fromDay'), t('day.toDay')]}
          aria-label={t('audit.at')}
          onChange={(r: [Dayjs | null, Dayjs | null] | null) => set({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
        />
      </Space>
      <Table<Row>
        rowKey="id"
        size="small"
        dataSource={data.items}
        key={i18n.language}
        pagination={{ current: page, pageSize: PAGE, total: data.total, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t('audit.at'), dataIndex: 'at', width: 150, render: (v) => formatDateTime(v) },
          { title: t('audit.user'), dataIndex: 'username', width: 140, render: (v) => v ?? t('audit.cli') },
          { title: t('audit.action'), dataIndex: 'action', width: 220, render: (a: string) => <span data-testid="audit-action-text">{action(a)}</span> },
          {
            title: t('audit.object'),
            width: 280,
            render: (_v, r) => {
              const to = link(r);
              return (
                <span data-testid="audit-object">
                  {to ? <a onClick={() => navigate(to)}>{objectText(r)}</a> : objectText(r)}
                  {!r.labelAtTheTime && (
                    <Tooltip title={t('auditWords.nameNowHint')}>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {' '}({t('auditWords.nameNow')})
                      </Typography.Text>
                    </Tooltip>
                  )}
                </span>
              );
            },
          },
          { title: t('audit.details'), render: (_v, r) => <span style={{ fontSize: 12 }} data-testid="audit-details">{details(r)}</span> },
        ]}
      />
    </Card>
  );
}
