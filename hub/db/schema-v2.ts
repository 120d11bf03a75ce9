// Hub schema v2, for the dashboards at scale: a district's (or any unit list's) figures read the
// coverage deltas unit by unit through their own index instead of every unit's buckets of the
// date's ranges; and the planner learns how few (unit, holder, procedure) cells there are, so the
// grouped sum is hashed in memory instead of sorted on disk (it guessed ten times too many).
export const SCHEMA_V2 = `
CREATE INDEX coverage_deltas_unit ON coverage_deltas(unit_id, grain, bucket);
CREATE STATISTICS coverage_deltas_cells (ndistinct) ON unit_id, holder_unit_id, procedure_code FROM coverage_deltas;
ANALYZE coverage_deltas;
`;
