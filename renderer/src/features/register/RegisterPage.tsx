// The results register: search and filter the entries (RegisterList), add one by hand, or import the one-stop
// system's export through a column-mapping step that remembers the mapping.
import { Alert, App, Button, Card, Form, Input, Modal, Select, Space, Table, Tabs, Typography } from 'antd';
import dayjs from 'dayjs';
import { FormDate, validDay } from '../../components/DateInput';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REGISTER_FIELD_LIST, type Req, type Res } from '../../../../shared/contract';
import { call, toSource, type ImportSourceInput } from '../../api/bridge';
import { useSession } from '../../app/session';
import { usePickFile } from '../../components/usePickFile';
import { useCall } from '../../components/useCall';
import { UnitSelect } from '../units/UnitSelect';
import { RegisterList } from './RegisterList';

export function RegisterPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState('list');
  const [version, setVersion] = useState(0);
  const [adding, setAdding] = useState(false);
  return (
    <Card title={t('register.title')}>
      <EntryModal open={adding} onClose={(saved) => (setAdding(false), saved && setVersion((v) => v + 1))} />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'list', label: t('register.list'), children: <RegisterList version={version} onAdd={() => setAdding(true)} /> },
          { key: 'import', label: t('register.importTab'), children: <RegisterImport onImported={() => setVersion((v) => v + 1)} /> },
        ]}
      />
    </Card>
  );
}

function EntryModal({ open, onClose }: { open: boolean; onClose: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { run } = useCall();
  const { user } = useSession();
  const [form] = Form.useForm();
  const save = async () => {
    const v = await form.validateFields();
    const d = (x?: dayjs.Dayjs) => (x ? x.format('YYYY-MM-DD') : null);
    await run(async () => {
      await call('register.save', {
        dossierCode: v.dossierCode,
        procedureCode: v.procedureCode || null,
        procedureName: v.procedureName || null,
        unitId: v.unitId,
        holderName: v.holderName || null,
        holderId: v.holderId || null,
        resultName: v.resultName || null,
        resultNumber: v.resultNumber || null,
        issuedOn: d(v.issuedOn)!,
        validUntil: d(v.validUntil),
        revokedOn: d(v.revokedOn),
      });
      message.success(t('common.saved'));
      form.resetFields();
      onClose(true);
    });
  };
  return (
    <Modal open={open} title={t('register.add')} onOk={save} onCancel={() => onClose(false)} okText={t('common.save')} cancelText={t('common.cancel')} width={640} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ unitId: user.unitId }}>
        <Space.Compact block>
          <Form.Item name="dossierCode" label={t('register.dossierCode')} rules={[{ required: true, message: t('common.required') }]} style={{ flex: 1 }}>
            <Input />
          </Form.Item>
          <Form.Item name="unitId" label={t('register.unit')} rules={[{ required: true }]} style={{ flex: 1 }}>
            <UnitSelect />
          </Form.Item>
        </Space.Compact>
        <Space.Compact block>
          <Form.Item name="procedureCode" label={t('register.procedureCode')} rules={[{ pattern: /^\d\.\d{6}$/, message: 'd.dddddd' }]} style={{ width: 160 }}>
            <Input placeholder="1.001234" />
          </Form.Item>
          <Form.Item name="procedureName" label={t('register.procedureName')} style={{ flex: 1 }}>
            <Input />
          </Form.Item>
        </Space.Compact>
        <Space.Compact block>
          <Form.Item name="holderName" label={t('register.holderName')} style={{ flex: 1 }}>
            <Input />
          </Form.Item>
          <Form.Item name="holderId" label={t('register.holderId')} rules={[{ pattern: /^\d{12}$/, message: t('register.holderIdRule') }]} style={{ width: 200 }}>
            <Input />
          </Form.Item>
        </Space.Compact>
        <Space.Compact block>
          <Form.Item name="resultName" label={t('register.resultName')} style={{ flex: 1 }}>
            <Input />
          </Form.Item>
          <Form.Item name="resultNumber" label={t('register.resultNumber')} style={{ width: 200 }}>
            <Input />
          </Form.Item>
        </Space.Compact>
        <Space>
          <Form.Item name="issuedOn" label={t('register.issuedOn')} rules={[{ required: true, message: t('common.required') }, validDay(t)]}>
            <FormDate />
          </Form.Item>
          <Form.Item name="validUntil" label={t('register.validUntil')} rules={[validDay(t)]}>
            <FormDate placeholder={t('register.noExpiry')} />
          </Form.Item>
          <Form.Item name="revokedOn" label={t('register.revokedOn')} rules={[validDay(t)]}>
            <FormDate />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

type Preview = Res<'register.preview'>;

function RegisterImport({ onImported }: { onImported: () => void }) {
  const { t } = useTranslation();
  const { run } = useCall();
  const { user } = useSession();
  const [source, setSource] = useState<ImportSourceInput | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [mapping, setMapping] = useState<Record<string, string | null>>({});
  const [unitId, setUnitId] = useState(user.unitId);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<Res<'register.import'> | null>(null);

  const pick = useCallback(
    async (f: File) => {
      setBusy(true);
      setReport(null);
      await run(async () => {
        const s = await toSource(f);
        const p = await call('register.preview', { source: s });
        setSource(s);
        setPreview(p);
        setMapping(p.mapping);
      });
      setBusy(false);
    },
    [run],
  );
  const [fileInput, pickFile] = usePickFile({ accept: '.csv,.xlsx,text/csv', testId: 'register-input', onFile: pick });
  const doImport = async () => {
    if (!source) return;
    setBusy(true);
    await run(async () => {
      setReport(await call('register.import', { source, mapping: mapping as Req<'register.import'>['mapping'], unitId }));
      setPreview(null);
      setSource(null);
      onImported();
    });
    setBusy(false);
  };
  const options = [{ value: '', label: t('register.notMapped') }, ...(preview?.headers ?? []).map((h) => ({ value: h, label: h }))];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {fileInput}
      <Button onClick={pickFile} loading={busy}>
        {t('register.pick')}
      </Button>
      {report && (
        <Alert
          data-testid="register-report"
          type={report.errors.length ? 'warning' : 'success'}
          showIcon
          message={t('register.report', { created: report.created, updated: report.updated, unchanged: report.unchanged, errors: report.errors.length })}
          description={report.errors.length > 0 && <ul style={{ maxHeight: 200, overflow: 'auto' }}>{report.errors.slice(0, 200).map((e) => <li key={e.row}>{`${t('units.row')} ${e.row}: ${e.message}`}</li>)}</ul>}
        />
      )}
      {preview && (
        <>
          <Typography.Title level={5}>{t('register.mapping')}</Typography.Title>
          <Typography.Text type="secondary">{t('register.mappingHint')}</Typography.Text>
          {preview.remembered && <Alert type="info" showIcon message={t('register.remembered')} />}
          <Table
            size="small"
            rowKey="field"
            pagination={false}
            dataSource={REGISTER_FIELD_LIST.map((field) => ({ field }))}
            columns={[
              { title: t('register.field'), dataIndex: 'field', width: 260, render: (f: string) => t(`register.${f}`) },
              {
                title: t('register.column'),
                render: (_v, r) => <Select style={{ width: 280 }} value={mapping[r.field] ?? ''} options={options} onChange={(v) => setMapping((m) => ({ ...m, [r.field]: v || null }))} />,
              },
            ]}
          />
          <Typography.Text strong>{t('register.sample', { n: preview.sample.length, rows: preview.rows })}</Typography.Text>
          <Table
            size="small"
            pagination={false}
            scroll={{ x: true }}
            rowKey={(_r, i) => String(i)}
            dataSource={preview.sample.map((r) => Object.fromEntries(preview.headers.map((h, i) => [h, r[i]])))}
            columns={preview.headers.map((h) => ({ title: h, dataIndex: h }))}
          />
          <Space>
            <span>{t('register.defaultUnit')}</span>
            <UnitSelect style={{ width: 300 }} value={unitId} onChange={setUnitId} />
            <Button type="primary" onClick={doImport} loading={busy} disabled={!mapping.dossierCode || !mapping.issuedOn} data-testid="register-import">
              {t('register.doImport', { rows: preview.rows })}
            </Button>
          </Space>
        </>
      )}
    </Space>
  );
}
