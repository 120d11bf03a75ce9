// The unit head's dashboard: levels against targets, drill-down through the units below,
// the lagging lists in the words of the provincial letters, the monthly trend, procedures,
// exports, and the packages that report figures up without a network.
import { Alert, App, Breadcrumb, Button, Card, Col, DatePicker, Dropdown, Empty, Progress, Row, Select, Space, Spin, Statistic, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { datePickerProps } from '../../components/DateInput';
import { formatDate } from '../../../../shared/dates';
import { endedOn, isEnded } from '../units/unitLabel';
import { WorklistModal } from './WorklistModal';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CoverageReport, CoverageUnit, TrendPoint, Unit } from '../../../../shared/contract';
import { lagging } from '../../../../shared/lagging';
import { formatPercent } from '../../format';
import { call, toSource } from '../../api/bridge';
import { useSession } from '../../app/session';
import { RateBar, TrendChart } from '../../components/charts';
import { usePickFile } from '../../components/usePickFile';
import { useErrorText } from '../../i18n';
import { TargetsModal } from './TargetsModal';

const statusColour = (u: { valid: number; digitized: number; met: boolean | null }) =>
  u.valid === 0 ? 'default' : u.digitized === 0 ? 'red' : u.met === false ? 'orange' : 'green';

export function CoveragePage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { user } = useSession();
  const [at, setAt] = useState<Dayjs>(dayjs());
  // the dashboard opens on today; when the user's own unit has since ended (a district after
  // 1/7/2025) it says so and offers the unit's last day instead of switching to it silently
  const [ownEnded, setOwnEnded] = useState<Unit | null>(null);
  // a lagging unit picked on the dashboard: its worklist of results to digitize
  const [worklistUnit, setWorklistUnit] = useState<{ id: number; name: string } | null>(null);
  useEffect(() => {
    call('units.list', {})
      .then((units) => {
        const own = units.find((u) => u.id === user.unitId);
        setOwnEnded(own && isEnded(own) ? own : null);
      })
      .catch(() => null);
  }, [user.unitId]);
  const [path, setPath] = useState<{ id: number; name: string }[]>([]);
  const [report, setReport] = useState<CoverageReport | null>(null);
  const [trend, setTrend] = useState<TrendPoint[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [targetsOpen, setTargetsOpen] = useState(false);
  const [reload, setReload] = useState(0);
  const current = path.length ? path[path.length - 1].id : undefined;
  const atIso = at.format('YYYY-MM-DD');

  useEffect(() => {
    let stale = false;
    setLoading(true);
    setTrend(null);
    call('coverage.report', { at: atIso, unitId: current })
      .then((r) => !stale && (setReport(r), setError(null)))
      .catch((e) => !stale && setError(errorText(e)))
      .finally(() => !stale && setLoading(false));
    call('coverage.trend', { at: atIso, unitId: current })
      .then((tr) => !stale && setTrend(tr))
      .catch(() => !stale && setTrend([]));
    return () => {
      stale = true;
    };
  }, [atIso, current, reload]); // eslint-disable-line react-hooks/exhaustive-deps

  const scopeUnit = report?.scope ? report.units.find((u) => u.id === report.scope!.id) : undefined;
  const children = useMemo(() => {
    if (!report) return [];
    const ids = new Set(report.units.map((u) => u.id));
    return report.units.filter((u) => (report.scope ? u.parentId === report.scope.id : u.parentId === null || !ids.has(u.parentId)));
  }, [report]);
  const lag = lagging(children);
  const query = `at=${atIso}${current !== undefined ? `&unitId=${current}` : ''}`;
  const drill = (u: CoverageUnit) => report!.units.some((c) => c.parentId === u.id) && setPath((p) => [...p, { id: u.id, name: u.name }]);

  const importPackage = async (f: File) => {
    try {
      const r = await call('coverage.importPackage', { source: await toSource(f) });
      message.success(t('coverage.packageImported', { unit: r.unitName, at: dayjs(r.at).format('DD/MM/YYYY') }));
      setReload((n) => n + 1);
    } catch (e) {
      message.error(errorText(e));
    }
  };

  const [packageInput, pickPackage] = usePickFile({ accept: '.json,application/json', onFile: importPackage });

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title={t('coverage.title')}
        extra={
          <Space wrap>
            <span>{t('coverage.at')}</span>
            <DatePicker value={at} onChange={(d) => d && setAt(d)} {...datePickerProps} allowClear={false} id="coverage-date" aria-label={t('coverage.at')} />
            <Dropdown
              menu={{
                items: [
                  { key: 'xlsx', label: <a href={`export/coverage.xlsx?${query}`} download data-testid="export-xlsx">{t('coverage.exportXlsx')}</a> },
                  { key: 'pdf', label: <a href={`export/coverage.pdf?${query}`} download data-testid="export-pdf">{t('coverage.exportPdf')}</a> },
                  { key: 'csv', label: <a href={`export/coverage.csv?${query}`} download>{t('coverage.exportCsv')}</a> },
                  { type: 'divider' },
                  { key: 'pkg', label: <a href={`export/coverage-package.json?${query}`} download>{t('coverage.exportPackage')}</a> },
                  { key: 'imp', label: t('coverage.importPackage'), onClick: pickPackage },
                ],
              }}
            >
              <Button type="primary" data-testid="export-menu">
                {t('coverage.export')} ▾
              </Button>
            </Dropdown>
            {user.role === 'admin' && <Button onClick={() => setTargetsOpen(true)}>{t('coverage.targets')}</Button>}
          </Space>
        }
      >
        {packageInput}
        <Breadcrumb
          data-testid="drill-path"
          items={[
            { title: <a onClick={() => setPath([])}>{user.role === 'admin' ? t('coverage.all') : user.unitName}</a> },
            ...path.map((p, i) => ({ title: i === path.length - 1 ? p.name : <a onClick={() => setPath(path.slice(0, i + 1))}>{p.name}</a> })),
          ]}
        />
        {ownEnded && (
          <Alert
            style={{ marginTop: 12 }}
            type="warning"
            showIcon
            data-testid="unit-ended"
            message={t('day.unitEndedNotice', { name: ownEnded.name, date: formatDate(endedOn(ownEnded)) })}
            action={
              at.format('YYYY-MM-DD') > ownEnded.validTo! ? (
                <Button size="small" onClick={() => setAt(dayjs(ownEnded.validTo))}>
                  {t('day.viewLastDay', { date: formatDate(ownEnded.validTo) })}
                </Button>
              ) : (
                <Button size="small" onClick={() => setAt(dayjs())}>
                  {t('day.viewToday')}
                </Button>
              )
            }
          />
        )}
        {error && <Alert type="error" showIcon message={error} style={{ marginTop: 12 }} />}
        {loading && !report && <Spin style={{ display: 'block', margin: 40 }} />}
        {report && report.units.length === 0 && !(ownEnded && current === undefined) && <Alert style={{ marginTop: 12 }} type="info" showIcon message={t('coverage.scopeEnded')} />}
        {report && report.units.length > 0 && (
          <>
            <Typography.Title level={5} style={{ marginTop: 16 }}>
              {t('coverage.levels')}
            </Typography.Title>
            <Row gutter={[24, 16]}>
              {report.levels.map((l) => (
                <Col key={l.level} xs={24} sm={12} lg={6}>
                  <Card size="small" data-testid={`level-${l.level}`}>
                    <Space direction="vertical" align="center" style={{ width: '100%' }}>
                      <b>{t(`levels.${l.level}`)}</b>
                      <Progress
                        type="dashboard"
                        percent={Math.round(l.rate * 1000) / 10}
                        strokeColor={l.met === false ? (l.digitized === 0 ? '#cf1322' : '#d48806') : '#389e0d'}
                        format={(p) => `${p?.toLocaleString(i18n.language === 'en' ? 'en-GB' : 'vi-VN')}%`}
                      />
                      <span>
                        {l.digitized.toLocaleString('vi-VN')} / {l.valid.toLocaleString('vi-VN')}
                      </span>
                      {l.target === null ? (
                        <Tag>{t('coverage.noTarget')}</Tag>
                      ) : (
                        <Tag color={l.met ? 'green' : 'red'}>
                          {t('coverage.target', { t: formatPercent(l.target) })} · {l.met ? t('coverage.met') : t('coverage.notMet')}
                        </Tag>
                      )}
                    </Space>
                  </Card>
                </Col>
              ))}
              <Col xs={24} sm={12} lg={6}>
                <Card size="small">
                  <Statistic title={t('coverage.decision766')} value={Math.round(report.decision766.rate * 1000) / 10} suffix="%" />
                  <Typography.Text type="secondary">
                    {report.decision766.withElectronicResult.toLocaleString('vi-VN')} / {report.decision766.handled.toLocaleString('vi-VN')}
                  </Typography.Text>
                </Card>
              </Col>
            </Row>
          </>
        )}
      </Card>

      {report && report.units.length > 0 && (
        <Row gutter={[24, 24]}>
          <Col xs={24}>
            <Card title={t('coverage.ranking')} extra={<Typography.Text type="secondary">{t('coverage.drillHint')}</Typography.Text>}>
              {scopeUnit && (
                <Alert
                  style={{ marginBottom: 12 }}
                  type={scopeUnit.valid === 0 ? 'info' : scopeUnit.met === false ? 'warning' : 'success'}
                  message={`${t('coverage.own', { name: scopeUnit.name })}: ${scopeUnit.digitized}/${scopeUnit.valid} = ${formatPercent(scopeUnit.rate)}${scopeUnit.target !== null ? ` · ${t('coverage.target', { t: formatPercent(scopeUnit.target) })}` : ''}${scopeUnit.needed ? ` · ${t('coverage.needed')} ${scopeUnit.needed}` : ''}`}
                />
              )}
              <Table<CoverageUnit>
                rowKey="id"
                size="small"
                data-testid="ranking"
                dataSource={[...children].sort((a, b) => a.rate - b.rate || b.valid - a.valid)}
                pagination={children.length > 25 ? { pageSize: 25 } : false}
                locale={{ emptyText: <Empty description={t('coverage.noChildren')} /> }}
                onRow={(u) => ({ onClick: () => drill(u), style: { cursor: report.units.some((c) => c.parentId === u.id) ? 'pointer' : 'default' } })}
                columns={[
                  {
                    title: t('coverage.unit'),
                    dataIndex: 'name',
                    width: 300,
                    render: (v, u) => (
                      <Space direction="vertical" size={0}>
                        <span>
                          <Tag color={statusColour(u)} style={{ marginRight: 6 }}>
                            {u.valid === 0 ? '—' : u.digitized === 0 ? '0%' : u.met === false ? t('coverage.notMet') : t('coverage.met')}
                          </Tag>
                          {report.units.some((c) => c.parentId === u.id) ? <a>{v}</a> : v}
                        </span>
                        {u.packageAt && <Typography.Text type="secondary" style={{ fontSize: 11 }}>{t('coverage.packageAt', { at: dayjs(u.packageAt).format('DD/MM/YYYY') })}</Typography.Text>}
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
                  { title: t('coverage.gap'), width: 90, align: 'right', render: (_v, u) => (u.target === null ? '' : <span style={{ color: u.rate >= u.target ? '#389e0d' : '#cf1322' }}>{formatPercent(u.rate - u.target)}</span>) },
                  { title: t('coverage.needed'), dataIndex: 'needed', width: 90, align: 'right' },
                  { title: t('coverage.area'), width: 110, align: 'right', render: (_v, u) => `${formatPercent(u.total.rate)}` },
                ]}
              />
            </Card>
          </Col>
          <Col xs={24} xl={10}>
            <Card title={t('coverage.lagging')} data-testid="lagging" style={{ height: '100%' }}>
              {(
                [
                  ['zero', lag.zero, 'red'],
                  ['below', lag.below, 'orange'],
                  ['metList', lag.met, 'green'],
                  ['noneList', lag.none, 'default'],
                ] as const
              )
                .filter(([, list]) => list.length > 0)
                .map(([key, list, colour]) => (
                  <div key={key} style={{ marginBottom: 12 }}>
                    <Typography.Text strong>
                      {t(`coverage.${key}`)} ({list.length}):
                    </Typography.Text>
                    <div>
                      {list.map((u) => (
                        <Tag
                          key={u.id}
                          color={colour}
                          style={{ marginTop: 4, cursor: u.valid > u.digitized ? 'pointer' : undefined }}
                          title={u.valid > u.digitized ? t('day.worklistOpen') : undefined}
                          data-testid={`lagging-${u.code}`}
                          onClick={() => u.valid > u.digitized && setWorklistUnit({ id: u.id, name: u.name })}
                        >
                          {u.name} {u.valid > 0 ? `(${formatPercent(u.rate)})` : ''}
                        </Tag>
                      ))}
                    </div>
                  </div>
                ))}
            </Card>
          </Col>
          <Col xs={24} xl={14}>
            <Card title={t('coverage.trend')} style={{ height: '100%' }}>
              {trend ? <TrendChart points={trend} labels={{ rate: t('coverage.trendRate'), target: t('coverage.trendTarget') }} /> : <Spin />}
            </Card>
          </Col>
          <Col xs={24}>
            <Card title={t('coverage.procedures')}>
              <Table
                rowKey="code"
                size="small"
                dataSource={report.procedures}
                pagination={report.procedures.length > 8 ? { pageSize: 8, size: 'small' } : false}
                columns={[
                  { title: t('coverage.procedure'), dataIndex: 'name', ellipsis: true, render: (v, p) => <span title={p.code}>{v}</span> },
                  { title: t('coverage.valid'), dataIndex: 'valid', align: 'right', width: 80 },
                  { title: t('coverage.rate'), dataIndex: 'rate', width: 120, render: (r) => <Space size={4}><RateBar rate={r} target={null} width={50} />{formatPercent(r)}</Space> },
                ]}
              />
            </Card>
          </Col>
          {(report.unresolved.length > 0 || report.packages.length > 0) && (
            <Col xs={24}>
              {report.unresolved.length > 0 && <Unresolved report={report} canAssign={user.role === 'admin'} onAssigned={() => setReload((n) => n + 1)} />}
              {report.packages.length > 0 && (
                <Alert
                  type="info"
                  showIcon
                  message={`${t('coverage.packages')}: ${report.packages.map((p) => `${p.unitName} (${t('coverage.packageAt', { at: dayjs(p.at).format('DD/MM/YYYY') })})`).join('; ')}`}
                />
              )}
            </Col>
          )}
        </Row>
      )}
      {worklistUnit && <WorklistModal unit={worklistUnit} at={atIso} onClose={() => setWorklistUnit(null)} />}
      <TargetsModal open={targetsOpen} onClose={(changed) => (setTargetsOpen(false), changed && setReload((n) => n + 1))} />
    </Space>
  );
}

function Unresolved({ report, canAssign, onAssigned }: { report: CoverageReport; canAssign: boolean; onAssigned: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [units, setUnits] = useState<{ id: number; name: string; successorIds: number[] }[]>([]);
  useEffect(() => void call('units.list', {}).then(setUnits).catch(() => null), []);
  const byId = new Map(units.map((u) => [u.id, u]));
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
              onChange={(successorId: number) =>
                call('register.assign', { unitId: u.unitId, successorId })
                  .then((r) => (message.success(t('coverage.assigned', { n: r.assigned })), onAssigned()))
                  .catch((e) => message.error(errorText(e)))
              }
            />
          )}
        </Space>
      ))}
    </Card>
  );
}
