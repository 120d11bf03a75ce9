// Hub schema v3: dossier codes are namespaced per unit, as on the desks (desk schema v17,
// issue #19). Two units may each hold code X; a desk writes its own units' rows, so the
// register is unique on (code, unit) and a synced document finds its row by both. Code first
// in the key: the reuse look-up by code alone uses it.
export const SCHEMA_V3 = `
ALTER TABLE register DROP CONSTRAINT register_dossier_code_key;
ALTER TABLE register ADD CONSTRAINT register_dossier_unit_key UNIQUE (dossier_code, unit_id);
DROP INDEX documents_dossier;
CREATE INDEX documents_dossier ON documents(dossier_code, unit_id) WHERE dossier_code IS NOT NULL;
`;
