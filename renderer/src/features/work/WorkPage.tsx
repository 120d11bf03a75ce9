// "Việc cần số hóa": the records staff's worklist — their unit's valid results not yet
// digitized, grouped by procedure, oldest first, with counts; exportable as CSV; a row starts
// the import of its scan or the link of a document already archived.
import { Alert, Button, Card, Collapse, Empty, Select, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { csvText } from '../../../../shared/csv';
import type { Res } from '../../../../shared/contract';
import type { WorkItem } from '../../../../shared/work-contract';
import { formatDate } from '../../../../shared/dates';
import { call } from '../../api/bridge';
import { navigate } from '../../app/router';
import { DateInput } from '../../components/DateInput';
import { foldSearch } from '../../components/foldSearch';
import { SavedViews } from '../../components/SavedViews';
import { useCall } from '../../components/useCall';
import { WorkLinkModal } from './WorkLinkModal';

type List = Res<'work.list'>;

export function WorkPage() {
  const { t } = useTranslation();
  const { run } = useCall();
  const [at, setAt] = useState(dayjs().format('YYYY-MM-DD'));
  const [procedureCode, setProcedureCode] = useState<string | undefined>();
  const [list, setList] = useState<List | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<WorkItem | null>(null);
  const load = useCallback(() => void run(async () => (setList(await call('work.list', { at, procedureCode })), setError(null)), setError), [at, procedureCode, run]);
  useEffect(load, [load]);

  const head = [t('register.dossierCode'), t('work.procedure'), t('register.holderName'), t('register.resultName'), t('register.resultNumber'), t('register.issuedOn'), t('register.validUntil'), t('register.unit')];
  const exportCsv = () => {
    if (!list) return;
    const rows = list.items.map((r) => [r.dossierCode, r.procedureName ?? r.procedureCode, r.holderName, r.resultName, r.resultNumber, formatDate(r.issuedOn), formatDate(r.validUntil), r.unitName]);
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([csvText([head, ...rows])], { type: 'text/csv;charset=utf-8' }));
    a.download = `viec-can-so-hoa-${at}.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  };
  const groupName = (g: { procedureCode: string | null; procedureName: string | null }) => (g.procedureCode ? `${g.procedureName ?? g.procedureCode} (${g.procedureCode})` : t('work.noProcedure'));
  const table = (items: WorkItem[]) => (
    <Table<WorkItem>
      size="small"
      rowKey="registerId"
      dataSource={items}
      pagination={items.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
      scroll={{ x: 900 }}
      columns={[
        { title: head[0], dataIndex: 'dossierCode', width: 190 },
        // the register often names only the result, not its holder
        { title: `${head[2]} · ${head[3]}`, dataIndex: 'holderName', ellipsis: true, render: (v, r) => [v, r.resultName].filter(Boolean).join(' · ') },
        { title: head[4], dataIndex: 'resultNumber', width: 120 },
        { title: head[5], dataIndex: 'issuedOn', width: 110, render: (v) => formatDate(v) },
        { title: head[7], dataIndex: 'unitName', width: 150, ellipsis: true },
        {
          width: 230,
          render: (_v, r) =>
            r.documentId ? (
              <Space size={4}>
                <Tag color="processing">{t('work.pending')}</Tag>
                <a onClick={() => navigate(`review/${r.documentId}`)}>{t('work.review', { id: r.documentId })}</a>
              </Space>
            ) : (
              <Button size="small" type="primary" ghost onClick={() => setOpen(r)} data-testid={`work-start-${r.dossierCode}`}>
                {t('work.start')}
              </Button>
            ),
        },
      ]}
    />
  );

  return (
    <Card
      title={t('work.title')}
      extra={
        <Button icon={<DownloadOutlined />} onClick={exportCsv} disabled={!list?.items.length} data-testid="work-export">
          {t('work.export')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('work.hint')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <span>{t('work.at')}</span>
        <DateInput value={at} onChange={(d) => d && setAt(d)} allowClear={false} aria-label={t('work.at')} id="work-date" />
        <Select
          allowClear
          showSearch={foldSearch}
          placeholder={t('work.allProcedures')}
          aria-label={t('work.procedure')}
          data-testid="work-procedure"
          style={{ width: 300 }}
          value={procedureCode}
          options={(list?.groups ?? []).filter((g) => g.procedureCode).map((g) => ({ value: g.procedureCode!, label: `${groupName(g)} · ${g.count}` }))}
          onChange={setProcedureCode}
        />
        <SavedViews screen="work" filters={{ procedureCode: procedureCode ?? null }} onApply={(f) => setProcedureCode(typeof f.procedureCode === 'string' ? f.procedureCode : undefined)} />
        {list && (
          <Typography.Text strong data-testid="work-total">
            {t('work.total', { count: list.total })}
          </Typography.Text>
        )}
      </Space>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      {list?.truncated && <Alert type="info" showIcon message={t('work.truncated')} style={{ marginBottom: 12 }} />}
      {list && !list.items.length && <Empty description={t('work.empty')} />}
      {list && list.items.length > 0 && (
        <Collapse
          // a new list opens its first group again (keyed by what the list holds, not by the request)
          key={`${list.at}-${list.total}-${list.groups[0]?.procedureCode}`}
          data-testid="work-groups"
          defaultActiveKey={[String(list.groups[0]?.procedureCode)]}
          items={list.groups.map((g) => ({
            key: String(g.procedureCode),
            label: t('work.group', { name: groupName(g), count: g.count, oldest: formatDate(g.oldest) }),
            children: table(list.items.filter((i) => i.procedureCode === g.procedureCode)),
          }))}
        />
      )}
      {open && <WorkLinkModal item={open} onClose={(changed) => (setOpen(null), changed && load())} />}
    </Card>
  );
}
