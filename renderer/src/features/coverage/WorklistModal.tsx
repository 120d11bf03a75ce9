// From a lagging unit on the dashboard: its results valid on the day and not yet digitized,
// the worklist of what to scan next, exportable as CSV.
import { csvText } from '../../../../shared/csv';
import { Alert, Button, Modal, Table } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Res } from '../../../../shared/contract';
import { formatDate } from '../../../../shared/dates';
import { call } from '../../api/bridge';
import { useCall } from '../../components/useCall';

type List = Res<'coverage.worklist'>;

export function WorklistModal({ unit, at, onClose }: { unit: { id: number; name: string }; at: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { run } = useCall();
  const [list, setList] = useState<List | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void run(() => call('coverage.worklist', { unitId: unit.id, at }).then(setList), setError);
  }, [unit.id, at, run]);

  const head = [t('register.dossierCode'), t('register.procedureName'), t('register.holderName'), t('register.resultName'), t('register.resultNumber'), t('register.issuedOn'), t('register.validUntil')];
  const exportCsv = () => {
    if (!list) return;
    const rows = list.items.map((r) => [r.dossierCode, r.procedureName, r.holderName, r.resultName, r.resultNumber, formatDate(r.issuedOn), formatDate(r.validUntil)]);
    const csv = csvText([head, ...rows]);
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    a.download = `can-so-hoa-${unit.name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/gi, 'd').replace(/\W+/g, '-')}-${at}.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  };
  return (
    <Modal
      open
      width={1000}
      onCancel={onClose}
      title={t('day.worklistTitle', { unit: unit.name, date: formatDate(at) })}
      footer={[
        <Button key="x" icon={<DownloadOutlined />} onClick={exportCsv} disabled={!list?.items.length} data-testid="worklist-export">
          {t('day.worklistExport')}
        </Button>,
        <Button key="c" onClick={onClose}>
          {t('common.close')}
        </Button>,
      ]}
    >
      {error && <Alert type="error" showIcon message={error} />}
      {list?.truncated && <Alert type="info" showIcon message={t('day.worklistTruncated')} style={{ marginBottom: 8 }} />}
      <Table
        data-testid="worklist"
        size="small"
        // a code is unique per unit only: the list may span a district's communes
        rowKey={(r) => `${r.unitName}/${r.dossierCode}`}
        loading={!list && !error}
        dataSource={list?.items ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        locale={{ emptyText: t('day.worklistEmpty') }}
        columns={[
          { title: head[0], dataIndex: 'dossierCode', width: 190 },
          { title: head[1], dataIndex: 'procedureName', ellipsis: true },
          { title: head[2], dataIndex: 'holderName', width: 160, ellipsis: true },
          { title: head[4], dataIndex: 'resultNumber', width: 120 },
          { title: head[5], dataIndex: 'issuedOn', width: 110, render: (v) => formatDate(v) },
          { title: head[6], dataIndex: 'validUntil', width: 110, render: (v) => formatDate(v) },
        ]}
      />
    </Modal>
  );
}
