// Bulk edits of the selected documents: one type, one procedure, and each document's register
// link (prefilled with the dossier code it carries), applied by the core to all of them or to
// none; then "Hoàn tác" while nothing changed them since.
import { Alert, App, Button, Checkbox, Input, Modal, Select, Space, Table, Typography } from 'antd';
import { EditOutlined, UndoOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentSummary, Res } from '../../../../shared/contract';
import { CONG_VAN, DOCUMENT_TYPES } from '../../../../shared/document-fields';
import { call } from '../../api/bridge';
import { foldSearch } from '../../components/foldSearch';
import { useCall } from '../../components/useCall';
import { formatDateTime } from '../../format';

const CLEAR = '\u0000'; // the option that empties the field (null), apart from "unchanged"
const TYPES = [CONG_VAN, ...DOCUMENT_TYPES.map(([, n]) => n)];

/** The caller's last bulk edit while it can still be undone, with its "Hoàn tác". */
export function BulkUndoBar({ version, onUndone }: { version: number; onUndone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { run, tryCall } = useCall();
  const [last, setLast] = useState<Res<'documents.bulkLast'>>(null);
  useEffect(() => void tryCall('documents.bulkLast', {}, () => undefined).then((l) => setLast(l ?? null)), [version, tryCall]);
  if (!last) return null;
  const undo = () =>
    run(async () => {
      const r = await call('documents.bulkUndo', { editId: last.editId });
      message.success(t('bulk.undone', { count: r.documents }));
      setLast(null);
      onUndone();
    });
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="bulk-undo-bar"
      message={t('bulk.last', { count: last.documents, at: formatDateTime(last.at) })}
      action={<Button size="small" icon={<UndoOutlined />} onClick={undo} data-testid="bulk-undo">{t('bulk.undo')}</Button>}
    />
  );
}

export function BulkEditButton({ docs, onDone }: { docs: DocumentSummary[]; onDone: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<EditOutlined />} onClick={() => setOpen(true)} data-testid="bulk-edit">
        {t('bulk.button', { count: docs.length })}
      </Button>
      {open && <BulkEditModal docs={docs} onClose={(done) => (setOpen(false), done && onDone())} />}
    </>
  );
}

function BulkEditModal({ docs, onClose }: { docs: DocumentSummary[]; onClose: (done: boolean) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { run } = useCall();
  const [type, setType] = useState<string | undefined>();
  const [procedure, setProcedure] = useState<string | undefined>();
  const [linking, setLinking] = useState(false);
  const [codes, setCodes] = useState<Record<number, string>>({});
  const [digitized, setDigitized] = useState(true);
  const [procedures, setProcedures] = useState<Res<'register.procedures'>>([]);
  const [busy, setBusy] = useState(false);
  useEffect(() => void run(async () => setProcedures(await call('register.procedures', {}))), [run]);
  // each document's dossier code: the result it is linked to, else the code read from it
  useEffect(() => {
    if (!linking) return;
    void run(async () => {
      const found = await Promise.all(docs.slice(0, 200).map((d) => call('documents.get', { id: d.id })));
      setCodes(Object.fromEntries(found.map((d) => [d.id, d.dossierCode ?? d.fields.find((f) => f.name === 'dossierCode')?.value ?? ''])));
    });
  }, [linking, docs, run]);
  const value = (v: string | undefined) => (v === undefined ? undefined : v === CLEAR ? null : v);
  const nothing = type === undefined && procedure === undefined && !linking;
  const apply = async () => {
    setBusy(true);
    await run(async () => {
      const links = linking ? docs.map((d) => ({ id: d.id, dossierCode: codes[d.id]?.trim() || null })) : undefined;
      const r = await call('documents.bulkEdit', { ids: docs.map((d) => d.id), type: value(type), procedureCode: value(procedure), links, digitized });
      message.success(t('bulk.done', { changed: r.changed, count: r.documents }));
      onClose(true);
    });
    setBusy(false);
  };
  const clear = { value: CLEAR, label: t('bulk.clearValue') };
  return (
    <Modal
      open
      width={760}
      title={t('bulk.title', { count: docs.length })}
      onCancel={() => onClose(false)}
      onOk={apply}
      okText={t('bulk.apply')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: nothing, loading: busy, 'data-testid': 'bulk-apply' } as { disabled: boolean }}
    >
      <Typography.Paragraph type="secondary">{t('bulk.hint')}</Typography.Paragraph>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <span style={{ display: 'inline-block', width: 190 }}>{t('bulk.setType')}</span>
          <Select allowClear showSearch={foldSearch} style={{ width: 300 }} aria-label={t('bulk.setType')} data-testid="bulk-type" value={type} onChange={setType} options={[clear, ...TYPES.map((n) => ({ value: n, label: n }))]} />
        </Space>
        <Space wrap>
          <span style={{ display: 'inline-block', width: 190 }}>{t('bulk.setProcedure')}</span>
          <Select
            allowClear
            showSearch={foldSearch}
            style={{ width: 420 }}
            aria-label={t('bulk.setProcedure')}
            data-testid="bulk-procedure"
            value={procedure}
            onChange={setProcedure}
            options={[clear, ...procedures.map((p) => ({ value: p.code, label: `${p.name} (${p.code})` }))]}
          />
        </Space>
        <Checkbox checked={linking} onChange={(e) => setLinking(e.target.checked)} data-testid="bulk-links">
          {t('bulk.setLinks')}
        </Checkbox>
        {linking && (
          <>
            <Table<DocumentSummary>
              size="small"
              rowKey="id"
              pagination={false}
              scroll={{ y: 240 }}
              dataSource={docs}
              columns={[
                { title: '#', dataIndex: 'id', width: 70 },
                { title: t('documents.columns.title'), dataIndex: 'title', ellipsis: true },
                {
                  title: t('bulk.dossier'),
                  width: 230,
                  render: (_v, d) => <Input size="small" aria-label={`${t('bulk.dossier')} #${d.id}`} data-testid={`bulk-code-${d.id}`} value={codes[d.id] ?? ''} onChange={(e) => setCodes((c) => ({ ...c, [d.id]: e.target.value }))} />,
                },
              ]}
            />
            <Checkbox checked={digitized} onChange={(e) => setDigitized(e.target.checked)}>
              {t('bulk.digitized')}
            </Checkbox>
          </>
        )}
      </Space>
    </Modal>
  );
}
