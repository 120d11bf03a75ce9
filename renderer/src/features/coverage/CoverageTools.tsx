// The dashboard's tools beside its title: the day, the exports of the view shown, the import
// of a child unit's signed package, and (for the admin) the targets.
import { App, Button, Dropdown, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, exportUrl, toSource } from '../../api/bridge';
import { FormDate } from '../../components/DateInput';
import { useCall } from '../../components/useCall';
import { usePickFile } from '../../components/usePickFile';
import { useHubMode } from '../../app/hub-mode';
import { TargetsModal } from './TargetsModal';

export function CoverageTools({ at, onAt, query, isAdmin, onChanged }: { at: Dayjs; onAt: (d: Dayjs) => void; query: string; isAdmin: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { run } = useCall();
  const [targetsOpen, setTargetsOpen] = useState(false);
  const [packageInput, pickPackage] = usePickFile({
    accept: '.json,application/json',
    onFile: (f) =>
      run(async () => {
        const r = await call('coverage.importPackage', { source: await toSource(f) });
        message.success(t('coverage.packageImported', { unit: r.unitName, at: dayjs(r.at).format('DD/MM/YYYY') }));
        onChanged();
      }),
  });
  // the province hub exports the view shown; packages are a desk's way to report upwards
  const desk = useHubMode() === null;
  const items = [
    { key: 'xlsx', label: <a href={exportUrl('coverage.xlsx', query)} download data-testid="export-xlsx">{t('coverage.exportXlsx')}</a> },
    { key: 'pdf', label: <a href={exportUrl('coverage.pdf', query)} download data-testid="export-pdf">{t('coverage.exportPdf')}</a> },
    { key: 'csv', label: <a href={exportUrl('coverage.csv', query)} download>{t('coverage.exportCsv')}</a> },
    ...(desk
      ? [
          { type: 'divider' as const },
          { key: 'pkg', label: <a href={exportUrl('coverage-package.json', query)} download>{t('coverage.exportPackage')}</a> },
          { key: 'imp', label: t('coverage.importPackage'), onClick: pickPackage },
        ]
      : []),
  ];
  return (
    <Space wrap>
      {packageInput}
      <span>{t('coverage.at')}</span>
      <FormDate value={at} onChange={(d) => d?.isValid() && onAt(d)} allowClear={false} id="coverage-date" aria-label={t('coverage.at')} />
      <Dropdown menu={{ items }}>
        <Button type="primary" data-testid="export-menu">
          {t('coverage.export')} ▾
        </Button>
      </Dropdown>
      {isAdmin && <Button onClick={() => setTargetsOpen(true)}>{t('coverage.targets')}</Button>}
      <TargetsModal open={targetsOpen} onClose={(changed) => (setTargetsOpen(false), changed && onChanged())} />
    </Space>
  );
}
