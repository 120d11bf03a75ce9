// Administrative units as a tree (province → district → commune), with validity, editing,
// and import of the GSO catalogue with a row-by-row error report.
import { foldSearch } from '../../components/foldSearch';
import { Alert, App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { DateInput, FormDate, validDay } from '../../components/DateInput';
import { formatDate } from '../../../../shared/dates';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Unit, UnitImportReport } from '../../../../shared/contract';
import { LEVELS } from '../../../../shared/roles';
import { call, toSource } from '../../api/bridge';
import { usePickFile } from '../../components/usePickFile';
import { useCall } from '../../components/useCall';
import { useUnits } from './useUnits';

type Node = Unit & { children?: Node[] };

function buildTree(units: Unit[]): Node[] {
  const nodes = new Map<number, Node>(units.map((u) => [u.id, { ...u }]));
  const roots: Node[] = [];
  for (const n of nodes.values()) {
    const parent = n.parentId ? nodes.get(n.parentId) : undefined;
    if (parent) (parent.children ??= []).push(n);
    else roots.push(n);
  }
  return roots;
}

export function UnitsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { run } = useCall();
  const { units, reload } = useUnits();
  const [editing, setEditing] = useState<Partial<Unit> | null>(null);
  const [report, setReport] = useState<UnitImportReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [validFrom, setValidFrom] = useState<string | null>(null);
  const [form] = Form.useForm();
  const today = dayjs().format('YYYY-MM-DD');

  // every import keeps the buttons busy until its report is in and the tree reloaded
  const busyWhile = async (work: () => Promise<unknown>) => {
    setBusy(true);
    await run(work);
    setBusy(false);
  };
  const runImport = (work: () => Promise<UnitImportReport>) =>
    busyWhile(async () => {
      setReport(await work());
      await reload();
    });

  const [catalogueInput, pickCatalogue] = usePickFile({
    accept: '.csv,.xlsx,text/csv',
    testId: 'catalogue-input',
    onFile: async (f) => runImport(async () => call('units.import', { source: await toSource(f), validFrom })),
  });
  const [mergesInput, pickMerges] = usePickFile({
    accept: '.json,application/json',
    onFile: (f) =>
      busyWhile(async () => {
        const r = await call('units.merges', { source: await toSource(f), effective: validFrom ?? '2025-07-01' });
        message.info(t('units.mergesReport', { links: r.links, ended: r.ended, errors: r.errors.length }));
        if (r.errors.length) setReport({ created: 0, updated: 0, unchanged: 0, errors: r.errors });
        await reload();
      }),
  });

  const save = async () => {
    const v = await form.validateFields();
    await run(async () => {
      await call('units.save', {
        id: editing?.id,
        code: v.code,
        name: v.name,
        level: v.level,
        kind: v.kind || null,
        parentId: v.parentId ?? null,
        validFrom: v.validFrom ? v.validFrom.format('YYYY-MM-DD') : null,
        validTo: v.validTo ? v.validTo.format('YYYY-MM-DD') : null,
      });
      message.success(t('common.saved'));
      setEditing(null);
      await reload();
    });
  };

  const open = (u: Partial<Unit>) => {
    setEditing(u);
    form.setFieldsValue({ ...u, validFrom: u.validFrom ? dayjs(u.validFrom) : null, validTo: u.validTo ? dayjs(u.validTo) : null });
  };

  return (
    <Card title={t('units.title')} data-testid="units-card">
      {/* the tools wrap under the title instead of squeezing it: the title keeps its width */}
      <Space wrap style={{ marginBottom: 12 }} data-testid="units-tools">
          <DateInput value={validFrom} placeholder={t('units.validFromImport')} style={{ width: 250 }} onChange={setValidFrom} aria-label={t('units.validFromImport')} />
          <Button onClick={pickCatalogue} loading={busy}>
            {t('units.importCatalogue')}
          </Button>
          <Button onClick={pickMerges} loading={busy}>
            {t('units.importMerges')}
          </Button>
          <Button onClick={() => runImport(() => call('units.loadDemo', {}))} loading={busy}>
            {t('units.loadDemo')}
          </Button>
          <Button type="primary" onClick={() => open({ level: 'commune', parentId: null })}>
            {t('units.add')}
          </Button>
      </Space>
      <Typography.Paragraph type="secondary">{t('units.importHint')}</Typography.Paragraph>
      {catalogueInput}
      {mergesInput}
      <Table<Node>
        key={units.length ? 'loaded' : 'empty'} // expand the provinces once the units have arrived
        rowKey="id"
        size="small"
        dataSource={buildTree(units)}
        pagination={false}
        expandable={{ defaultExpandedRowKeys: units.filter((u) => u.level === 'province').map((u) => u.id) }}
        tableLayout="fixed"
        columns={[
          // the name takes the room left; a name breaks between words, never inside one
          { title: t('units.name'), dataIndex: 'name', render: (v: string) => <span style={{ wordBreak: 'keep-all', overflowWrap: 'normal' }}>{v}</span> },
          { title: t('units.code'), dataIndex: 'code', width: 80 },
          {
            title: t('units.level'),
            dataIndex: 'level',
            width: 130,
            render: (l, u) => (
              <>
                {t(`levels.${l}`)}
                {u.kind && <div style={{ fontSize: 12, color: '#888' }}>{u.kind}</div>}
              </>
            ),
          },
          {
            title: t('day.validity'),
            width: 190,
            render: (_v, u) => (
              <>
                {u.validTo && u.validTo < today ? <Tag>{t('units.ended')}</Tag> : <Tag color="green">{t('units.current')}</Tag>}
                <div style={{ fontSize: 12, color: '#666' }}>
                  {u.validFrom && `${t('units.validFrom')} ${formatDate(u.validFrom)}`}
                  {u.validFrom && u.validTo && ' · '}
                  {u.validTo && `${t('units.validTo')} ${formatDate(u.validTo)}`}
                </div>
              </>
            ),
          },
          {
            title: t('units.successors'),
            width: 200,
            render: (_v, u) => u.successorIds.map((id) => <Tag key={id}>{units.find((x) => x.id === id)?.name ?? id}</Tag>),
          },
          { title: t('common.actions'), width: 80, render: (_v, u) => <a onClick={() => open(u)}>{t('common.edit')}</a> },
        ]}
      />
      <Modal open={!!editing} title={editing?.id ? t('units.edit') : t('units.add')} onOk={save} onCancel={() => setEditing(null)} okText={t('common.save')} cancelText={t('common.cancel')} destroyOnHidden>
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="level" label={t('units.level')} rules={[{ required: true }]}>
            <Select options={LEVELS.map((l) => ({ value: l, label: t(`levels.${l}`) }))} />
          </Form.Item>
          <Form.Item name="code" label={t('units.code')} rules={[{ required: true, message: t('common.required') }]}>
            <Input />
          </Form.Item>
          <Form.Item name="name" label={t('units.name')} rules={[{ required: true, message: t('common.required') }]}>
            <Input />
          </Form.Item>
          <Form.Item name="kind" label={t('units.kind')}>
            <Input placeholder={t('units.kindHint')} />
          </Form.Item>
          <Form.Item name="parentId" label={t('units.parent')}>
            <Select
              allowClear
              showSearch={foldSearch}
              options={units.filter((u) => u.level !== 'commune' && u.id !== editing?.id).map((u) => ({ value: u.id, label: `${u.name} (${u.code})` }))}
            />
          </Form.Item>
          <Space>
            <Form.Item name="validFrom" label={t('units.validFrom')} rules={[validDay(t)]}>
              <FormDate />
            </Form.Item>
            <Form.Item name="validTo" label={t('units.validTo')} rules={[validDay(t)]}>
              <FormDate />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
      <Modal open={!!report} title={t('units.importCatalogue')} footer={<Button onClick={() => setReport(null)}>{t('common.close')}</Button>} onCancel={() => setReport(null)} width={720}>
        {report && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Alert
              data-testid="catalogue-report"
              type={report.errors.length ? 'warning' : 'success'}
              showIcon
              message={t('units.report', { created: report.created, updated: report.updated, unchanged: report.unchanged, errors: report.errors.length })}
            />
            {report.errors.length > 0 && (
              <Table
                size="small"
                rowKey="row"
                title={() => t('units.rowErrors')}
                dataSource={report.errors}
                pagination={report.errors.length > 20 ? { pageSize: 20 } : false}
                columns={[
                  { title: t('units.row'), dataIndex: 'row', width: 80 },
                  { title: t('units.problem'), dataIndex: 'message' },
                ]}
              />
            )}
          </Space>
        )}
      </Modal>
    </Card>
  );
}
