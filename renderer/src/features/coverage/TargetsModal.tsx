// The admin edits targets per year and level; a year without its own keeps the last one set.
import { Button, InputNumber, Modal, Space, Table } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LEVELS, type Level } from '../../../../shared/roles';
import { call } from '../../api/bridge';
import { useCall } from '../../components/useCall';

type Row = { year: number } & Partial<Record<Level, number>>;

export function TargetsModal({ open, onClose }: { open: boolean; onClose: (changed: boolean) => void }) {
  const { t } = useTranslation();
  const { run } = useCall();
  const [rows, setRows] = useState<Row[]>([]);
  const [changed, setChanged] = useState(false);
  const load = () =>
    run(() =>
      call('targets.list', {}).then((list) => {
        const byYear = new Map<number, Row>();
        for (const x of list) byYear.set(x.year, { ...(byYear.get(x.year) ?? { year: x.year }), [x.level]: x.rate });
        setRows([...byYear.values()].sort((a, b) => a.year - b.year));
      }),
    );
  useEffect(() => void (open && load()), [open]); // eslint-disable-line react-hooks/exhaustive-deps
  const save = (year: number, level: Level, pct: number | null) => {
    if (pct === null) return;
    void run(() => call('targets.set', { year, level, rate: pct / 100 }).then(() => (setChanged(true), load())));
  };
  const nextYear = (rows.at(-1)?.year ?? new Date().getFullYear() - 1) + 1;
  return (
    <Modal open={open} title={t('coverage.targetsTitle')} onCancel={() => onClose(changed)} footer={<Button onClick={() => onClose(changed)}>{t('common.close')}</Button>} width={640}>
      <Table<Row>
        rowKey="year"
        size="small"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: t('coverage.year'), dataIndex: 'year', width: 90 },
          ...LEVELS.map((level) => ({
            title: t(`levels.${level}`),
            render: (_v: unknown, r: Row) => (
              <InputNumber min={0} max={100} addonAfter="%" defaultValue={r[level] !== undefined ? Math.round(r[level]! * 1000) / 10 : undefined} onBlur={(e) => save(r.year, level, e.target.value === '' ? null : Number(e.target.value))} />
            ),
          })),
        ]}
      />
      <Space style={{ marginTop: 12 }}>
        <Button onClick={() => setRows((r) => [...r, { year: nextYear }])}>
          {t('coverage.addYear')} {nextYear}
        </Button>
      </Space>
    </Modal>
  );
}
