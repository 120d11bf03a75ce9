// Results of partly merged communes whose holder's new commune the register does not give:
// listed per old commune, and the admin assigns each to one of its successors.
import { App, Card, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CoverageReport } from '../../../../shared/contract';
import { call } from '../../api/bridge';
import { useCall } from '../../components/useCall';

export function UnresolvedCard({ report, canAssign, onAssigned }: { report: CoverageReport; canAssign: boolean; onAssigned: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { run } = useCall();
  const [units, setUnits] = useState<{ id: number; name: string; successorIds: number[] }[]>([]);
  useEffect(() => void call('units.list', {}).then(setUnits).catch(() => null), []);
  const byId = new Map(units.map((u) => [u.id, u]));
  const assign = (unitId: number, successorId: number) =>
    run(async () => {
      const r = await call('register.assign', { unitId, successorId });
      message.success(t('coverage.assigned', { n: r.assigned }));
      onAssigned();
    });
  return (
    <Card title={t('coverage.unresolved')} style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">{t('coverage.unresolvedHint')}</Typography.Paragraph>
      {report.unresolved.map((u) => (
        <Space key={u.unitId} style={{ marginBottom: 8 }} wrap>
          <b>{u.name}</b>
          <span>
            {u.valid} {t('coverage.valid').toLowerCase()}
          </span>
          {canAssign && (
            <Select
              style={{ width: 260 }}
              placeholder={t('coverage.assign')}
              options={(byId.get(u.unitId)?.successorIds ?? []).map((id) => ({ value: id, label: byId.get(id)?.name ?? id }))}
              onChange={(successorId: number) => assign(u.unitId, successorId)}
            />
          )}
        </Space>
      ))}
    </Card>
  );
}
