// The unit head's dashboard: levels against targets, drill-down through the units below,
// the lagging lists in the words of the provincial letters, the monthly trend, procedures,
// exports, and the packages that report figures up without a network. The state lives in
// useCoverage; each part of the screen is its own panel.
import { Alert, Breadcrumb, Button, Card, Col, Row, Space, Spin } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Unit } from '../../../../shared/contract';
import { formatDate } from '../../../../shared/dates';
import { useHubMode } from '../../app/hub-mode';
import { useSession } from '../../app/session';
import { BackupAgeAlert } from '../maintenance/BackupAgeAlert';
import { TrendChart } from '../../components/charts';
import { endedOn } from '../units/unitLabel';
import { CoverageTools } from './CoverageTools';
import { LaggingCard } from './LaggingCard';
import { LevelGauges } from './LevelGauges';
import { useLiveCoverage } from './live-coverage';
import { ProceduresCard } from './ProceduresCard';
import { RankingCard } from './RankingCard';
import { UnresolvedCard } from './UnresolvedCard';
import { useCoverage, type Coverage, type Crumb } from './useCoverage';
import { WorklistModal } from './WorklistModal';

export function CoveragePage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const coverage = useCoverage(user.unitId);
  const { at, setAt, atIso, ownEnded, path, setPath, current, report, error, loading, reload } = coverage;
  // on the province hub: figures follow the desks' syncs, and worklists stay on the desks
  const hub = useHubMode();
  useLiveCoverage(hub !== null, reload);
  // a lagging unit picked on the dashboard: its worklist of results to digitize
  const [worklistUnit, setWorklistUnit] = useState<Crumb | null>(null);
  const shown = report && report.units.length > 0 ? report : null;

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {user.role === 'admin' && hub === null && <BackupAgeAlert />}
      <Card title={t('coverage.title')} extra={<CoverageTools at={at} onAt={setAt} query={coverage.query} isAdmin={user.role === 'admin'} onChanged={reload} />}>
        <Breadcrumb
          data-testid="drill-path"
          items={[
            { title: <a onClick={() => setPath([])}>{user.role === 'admin' ? t('coverage.all') : user.unitName}</a> },
            ...path.map((p, i) => ({ title: i === path.length - 1 ? p.name : <a onClick={() => setPath(path.slice(0, i + 1))}>{p.name}</a> })),
          ]}
        />
        {ownEnded && <UnitEndedAlert unit={ownEnded} atIso={atIso} onAt={setAt} />}
        {error && <Alert type="error" showIcon message={error} style={{ marginTop: 12 }} />}
        {loading && !report && <Spin style={{ display: 'block', margin: 40 }} />}
        {report && report.units.length === 0 && !(ownEnded && current === undefined) && <Alert style={{ marginTop: 12 }} type="info" showIcon message={t('coverage.scopeEnded')} />}
        {shown && <LevelGauges report={shown} />}
      </Card>
      {shown && <CoveragePanels coverage={coverage} canAssign={user.role === 'admin'} onWorklist={hub ? undefined : setWorklistUnit} />}
      {worklistUnit && <WorklistModal unit={worklistUnit} at={atIso} onClose={() => setWorklistUnit(null)} />}
    </Space>
  );
}

/** Below the gauges: ranking, lagging lists, trend, procedures, and what needs the admin. */
function CoveragePanels({ coverage, canAssign, onWorklist }: { coverage: Coverage; canAssign: boolean; onWorklist?: (u: Crumb) => void }) {
  const { t } = useTranslation();
  const report = coverage.report!;
  const packages = report.packages.map((p) => `${p.unitName} (${t('coverage.packageAt', { at: dayjs(p.at).format('DD/MM/YYYY') })})`).join('; ');
  return (
    <Row gutter={[24, 24]}>
      <Col xs={24}>
        <RankingCard coverage={coverage} />
      </Col>
      <Col xs={24} xl={10}>
        <LaggingCard lag={coverage.lag} onOpen={onWorklist && ((u) => onWorklist({ id: u.id, name: u.name }))} />
      </Col>
      <Col xs={24} xl={14}>
        <Card title={t('coverage.trend')} style={{ height: '100%' }}>
          {coverage.trend ? <TrendChart points={coverage.trend} labels={{ rate: t('coverage.trendRate'), target: t('coverage.trendTarget') }} /> : <Spin />}
        </Card>
      </Col>
      <Col xs={24}>
        <ProceduresCard procedures={report.procedures} />
      </Col>
      {(report.unresolved.length > 0 || report.packages.length > 0) && (
        <Col xs={24}>
          {report.unresolved.length > 0 && <UnresolvedCard report={report} canAssign={canAssign} onAssigned={coverage.reload} />}
          {report.packages.length > 0 && <Alert type="info" showIcon message={`${t('coverage.packages')}: ${packages}`} />}
        </Col>
      )}
    </Row>
  );
}

/** The user's own unit ended (a district after 1/7/2025): said, with its last day or today a click away. */
function UnitEndedAlert({ unit, atIso, onAt }: { unit: Unit; atIso: string; onAt: (d: dayjs.Dayjs) => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      style={{ marginTop: 12 }}
      type="warning"
      showIcon
      data-testid="unit-ended"
      message={t('day.unitEndedNotice', { name: unit.name, date: formatDate(endedOn(unit)) })}
      action={
        atIso > unit.validTo! ? (
          <Button size="small" onClick={() => onAt(dayjs(unit.validTo))}>
            {t('day.viewLastDay', { date: formatDate(unit.validTo) })}
          </Button>
        ) : (
          <Button size="small" onClick={() => onAt(dayjs())}>
            {t('day.viewToday')}
          </Button>
        )
      }
    />
  );
}
