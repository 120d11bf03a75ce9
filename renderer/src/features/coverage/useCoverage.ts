// The dashboard's state: the day, the drill-down path, the report and trend for them (the
// older answer dropped when the user has moved on), and whether the user's own unit has ended.
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import type { CoverageReport, CoverageUnit, TrendPoint, Unit } from '../../../../shared/contract';
import { lagging } from '../../../../shared/lagging';
import { call } from '../../api/bridge';
import { useCall } from '../../components/useCall';
import { isEnded } from '../units/unitLabel';

export type Crumb = { id: number; name: string };

export function useCoverage(ownUnitId: number) {
  const { run } = useCall();
  const [at, setAt] = useState<Dayjs>(dayjs());
  // the dashboard opens on today; when the user's own unit has since ended (a district after
  // 1/7/2025) it says so and offers the unit's last day instead of switching to it silently
  const [ownEnded, setOwnEnded] = useState<Unit | null>(null);
  const [path, setPath] = useState<Crumb[]>([]);
  const [report, setReport] = useState<CoverageReport | null>(null);
  const [trend, setTrend] = useState<TrendPoint[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [version, setVersion] = useState(0);
  const current = path.length ? path[path.length - 1].id : undefined;
  const atIso = at.format('YYYY-MM-DD');

  useEffect(() => {
    call('units.list', {})
      .then((units) => {
        const own = units.find((u) => u.id === ownUnitId);
        setOwnEnded(own && isEnded(own) ? own : null);
      })
      .catch(() => null);
  }, [ownUnitId]);

  useEffect(() => {
    let stale = false;
    setLoading(true);
    setTrend(null);
    void run(
      () => call('coverage.report', { at: atIso, unitId: current }).then((r) => !stale && (setReport(r), setError(null))),
      (text) => !stale && setError(text),
    ).then(() => !stale && setLoading(false));
    call('coverage.trend', { at: atIso, unitId: current })
      .then((tr) => !stale && setTrend(tr))
      .catch(() => !stale && setTrend([]));
    return () => {
      stale = true;
    };
  }, [atIso, current, version, run]);

  // the units directly below the one shown (or the top units when none is)
  const children = useMemo(() => {
    if (!report) return [];
    const ids = new Set(report.units.map((u) => u.id));
    return report.units.filter((u) => (report.scope ? u.parentId === report.scope.id : u.parentId === null || !ids.has(u.parentId)));
  }, [report]);
  const hasChildren = (u: CoverageUnit) => !!report?.units.some((c) => c.parentId === u.id);

  return {
    at,
    setAt,
    atIso,
    ownEnded,
    path,
    setPath,
    current,
    report,
    trend,
    error,
    loading,
    children,
    lag: lagging(children),
    hasChildren,
    drill: (u: CoverageUnit) => hasChildren(u) && setPath((p) => [...p, { id: u.id, name: u.name }]),
    reload: () => setVersion((n) => n + 1),
    /** the export links' query: the day and the unit shown */
    query: `at=${atIso}${current !== undefined ? `&unitId=${current}` : ''}`,
  };
}

export type Coverage = ReturnType<typeof useCoverage>;
