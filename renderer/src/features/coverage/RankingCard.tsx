// The units below the one shown, weakest first: status, valid and digitized results, rate
// against target, gap, the fewest more results needed, and the area's own rate. A unit with
// units below it opens them.
import { Alert, Card, Empty, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { CoverageUnit } from '../../../../shared/contract';
import { RateBar } from '../../components/charts';
import { formatPercent } from '../../format';
import type { Coverage } from './useCoverage';

const statusColour = (u: { valid: number; digitized: number; met: boolean | null }) =>
  u.valid === 0 ? 'default' : u.digitized === 0 ? 'red' : u.met === false ? 'orange' : 'green';

export function RankingCard({ coverage }: { coverage: Coverage }) {
  const { t } = useTranslation();
  const { report, children, drill, hasChildren } = coverage;
  const scopeUnit = report?.scope ? report.units.find((u) => u.id === report.scope!.id) : undefined;
  const statusText = (u: CoverageUnit) => (u.valid === 0 ? '—' : u.digitized === 0 ? '0%' : u.met === false ? t('coverage.notMet') : t('coverage.met'));
  return (
    <Card title={t('coverage.ranking')} extra={<Typography.Text type="secondary">{t('coverage.drillHint')}</Typography.Text>}>
      {scopeUnit && <OwnRate unit={scopeUnit} />}
      <Table<CoverageUnit>
        rowKey="id"
        size="small"
        data-testid="ranking"
        dataSource={[...children].sort((a, b) => a.rate - b.rate || b.valid - a.valid)}
        pagination={children.length > 25 ? { pageSize: 25 } : false}
        locale={{ emptyText: <Empty description={t('coverage.noChildren')} /> }}
        onRow={(u) => ({ onClick: () => drill(u), style: { cursor: hasChildren(u) ? 'pointer' : 'default' } })}
        columns={[
          {
            title: t('coverage.unit'),
            dataIndex: 'name',
            width: 300,
            render: (v, u) => (
              <Space direction="vertical" size={0}>
                <span>
                  <Tag color={statusColour(u)} style={{ marginRight: 6 }}>
                    {statusText(u)}
                  </Tag>
                  {hasChildren(u) ? <a>{v}</a> : v}
                </span>
                {u.packageAt && (
                  <Typography.Text type="secondary" style={{ fontSize: 11 }}>
                    {t('coverage.packageAt', { at: dayjs(u.packageAt).format('DD/MM/YYYY') })}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          { title: t('coverage.valid'), dataIndex: 'valid', align: 'right', width: 90, sorter: (a, b) => a.valid - b.valid },
          { title: t('coverage.digitized'), dataIndex: 'digitized', align: 'right', width: 90 },
          {
            title: t('coverage.rate'),
            dataIndex: 'rate',
            width: 190,
            sorter: (a, b) => a.rate - b.rate,
            render: (r, u) => (
              <Space>
                <RateBar rate={r} target={u.target} width={100} />
                {formatPercent(r)}
              </Space>
            ),
          },
          { title: t('coverage.gap'), width: 90, align: 'right', render: (_v, u) => (u.target === null ? '' : u.valid === 0 ? '—' : <span style={{ color: u.rate >= u.target ? '#389e0d' : '#cf1322' }}>{formatPercent(u.rate - u.target)}</span>) },
          { title: t('coverage.needed'), dataIndex: 'needed', width: 90, align: 'right' },
          { title: t('coverage.area'), width: 110, align: 'right', render: (_v, u) => `${formatPercent(u.total.rate)}` },
        ]}
      />
    </Card>
  );
}

/** The unit shown, on one line: its own results, rate, target and what it still needs. */
function OwnRate({ unit }: { unit: CoverageUnit }) {
  const { t } = useTranslation();
  const target = unit.target !== null ? ` · ${t('coverage.target', { t: formatPercent(unit.target) })}` : '';
  const needed = unit.needed ? ` · ${t('coverage.needed')} ${unit.needed}` : '';
  return (
    <Alert
      style={{ marginBottom: 12 }}
      type={unit.valid === 0 ? 'info' : unit.met === false ? 'warning' : 'success'}
      message={`${t('coverage.own', { name: unit.name })}: ${unit.digitized}/${unit.valid} = ${formatPercent(unit.rate)}${target}${needed}`}
    />
  );
}
