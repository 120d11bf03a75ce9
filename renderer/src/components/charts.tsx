// Two small SVG charts: a rate bar with the target tick, and a monthly line with the
// target as a dashed line. No chart library: these are all the dashboard needs.
import type { TrendPoint } from '../../../shared/contract';
import { formatPercent } from '../format';

export function RateBar({ rate, target, width = 140 }: { rate: number; target: number | null; width?: number }) {
  const colour = target === null ? '#1677ff' : rate >= target ? '#389e0d' : rate === 0 ? '#cf1322' : '#d48806';
  return (
    <svg width={width} height={14} role="img" aria-label={formatPercent(rate)}>
      <rect x={0} y={3} width={width} height={8} rx={4} fill="#f0f0f0" />
      <rect x={0} y={3} width={Math.max(2, width * Math.min(1, rate))} height={8} rx={4} fill={colour} />
      {target !== null && <rect x={Math.min(width - 2, width * target) - 1} y={0} width={2} height={14} fill="#a8071a" />}
    </svg>
  );
}

export function TrendChart({ points, labels }: { points: TrendPoint[]; labels: { rate: string; target: string } }) {
  const W = 640;
  const H = 220;
  const pad = { l: 44, r: 12, t: 16, b: 28 };
  const max = Math.max(0.05, ...points.map((p) => Math.max(p.rate, p.target ?? 0))) * 1.15;
  const x = (i: number) => pad.l + (points.length <= 1 ? 0 : (i * (W - pad.l - pad.r)) / (points.length - 1));
  const y = (v: number) => H - pad.b - (v / max) * (H - pad.t - pad.b);
  const line = (vals: (number | null)[]) =>
    vals
      .map((v, i) => (v === null ? null : `${x(i)},${y(v)}`))
      .filter(Boolean)
      .join(' ');
  return (
    <svg viewBox={`0 0 ${W} ${H}`} style={{ width: '100%', maxWidth: W }} role="img" aria-label={labels.rate} data-testid="trend-chart">
      {[0, 0.5, 1].map((f) => (
        <g key={f}>
          <line x1={pad.l} x2={W - pad.r} y1={y(max * f)} y2={y(max * f)} stroke="#f0f0f0" />
          <text x={pad.l - 6} y={y(max * f) + 4} fontSize={10} textAnchor="end" fill="#8c8c8c">
            {formatPercent(max * f)}
          </text>
        </g>
      ))}
      <polyline points={line(points.map((p) => p.target))} fill="none" stroke="#a8071a" strokeDasharray="6 4" strokeWidth={1.5} />
      <polyline points={line(points.map((p) => p.rate))} fill="none" stroke="#1677ff" strokeWidth={2.5} />
      {points.map((p, i) => (
        <g key={p.month}>
          <circle cx={x(i)} cy={y(p.rate)} r={3.5} fill="#1677ff">
            <title>{`${p.month}: ${formatPercent(p.rate)} (${p.digitized}/${p.valid})`}</title>
          </circle>
          <text x={x(i)} y={H - 10} fontSize={10} textAnchor="middle" fill="#8c8c8c">
            {p.month.slice(5)}/{p.month.slice(2, 4)}
          </text>
        </g>
      ))}
      <g transform={`translate(${W - 230}, 8)`} fontSize={11}>
        <line x1={0} x2={22} y1={0} y2={0} stroke="#1677ff" strokeWidth={2.5} />
        <text x={28} y={4}>{labels.rate}</text>
        <line x1={120} x2={142} y1={0} y2={0} stroke="#a8071a" strokeDasharray="6 4" />
        <text x={148} y={4}>{labels.target}</text>
      </g>
    </svg>
  );
}
