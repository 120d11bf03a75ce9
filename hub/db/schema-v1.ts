// Hub schema v1: the province's units and targets, hub accounts, sessions and audit, enrolled
// desks, the synced register and documents, blobs, the coverage deltas and the reuse lookups.
export const SCHEMA_V1 = `
CREATE TABLE units (
  id serial PRIMARY KEY,
  code text NOT NULL,
  name text NOT NULL,
  level text NOT NULL CHECK (level IN ('province','district','commune')),
  parent_id int REFERENCES units(id),
  valid_from date,
  valid_to date
);
-- codes are reused across the 2025 reform: a code is unique per validity start
CREATE UNIQUE INDEX units_code_from ON units(code, coalesce(valid_from, DATE '0001-01-01'));
CREATE TABLE unit_successors (
  unit_id int NOT NULL REFERENCES units(id),
  successor_id int NOT NULL REFERENCES units(id),
  kind text NOT NULL CHECK (kind IN ('full','partial')),
  PRIMARY KEY (unit_id, successor_id)
);
CREATE TABLE targets (
  year int NOT NULL,
  level text NOT NULL CHECK (level IN ('province','district','commune')),
  rate double precision NOT NULL CHECK (rate >= 0 AND rate <= 1),
  PRIMARY KEY (year, level)
);
INSERT INTO targets(year, level, rate) VALUES (2021,'province',0.30),(2021,'district',0.20),(2021,'commune',0.15);
CREATE TABLE procedures (code text PRIMARY KEY, name text NOT NULL);

CREATE TABLE accounts (
  id serial PRIMARY KEY,
  username text NOT NULL UNIQUE,
  full_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('hub_admin','province_head','district_head','records_staff')),
  unit_id int REFERENCES units(id),
  password_hash text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  failed_count int NOT NULL DEFAULT 0,
  locked_until timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE sessions (
  id text PRIMARY KEY,               -- SHA-256 of the cookie's token; the token itself is never stored
  account_id int NOT NULL REFERENCES accounts(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_expiry ON sessions(expires_at);
CREATE TABLE audit_log (
  id bigint PRIMARY KEY,
  at timestamptz NOT NULL,
  account_id int,
  desk_id uuid,
  action text NOT NULL,
  object_type text,
  object_id text,
  details text,
  prev_hash text NOT NULL UNIQUE,
  hash text NOT NULL
);

CREATE TABLE enrolment_codes (
  code_hash text PRIMARY KEY,        -- SHA-256 of the code; the code is shown once
  unit_id int NOT NULL REFERENCES units(id),
  created_by int REFERENCES accounts(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  used_by uuid
);
CREATE TABLE desks (
  id uuid PRIMARY KEY,
  unit_id int NOT NULL REFERENCES units(id),
  name text NOT NULL,
  public_key text NOT NULL,
  key_fingerprint text NOT NULL,
  enrolled_at timestamptz NOT NULL DEFAULT now(),
  acked bigint NOT NULL DEFAULT 0,
  last_seen timestamptz,
  revoked_at timestamptz
);
CREATE TABLE desk_nonces (
  desk_id uuid NOT NULL REFERENCES desks(id),
  nonce text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (desk_id, nonce)
);
CREATE INDEX desk_nonces_at ON desk_nonces(at);

CREATE TABLE register (
  id bigserial PRIMARY KEY,
  dossier_code text NOT NULL UNIQUE,
  unit_id int NOT NULL REFERENCES units(id),
  desk_id uuid NOT NULL,
  procedure_code text NOT NULL DEFAULT '',
  holder_name text,
  holder_id text,
  holder_unit_id int,
  result_name text,
  result_number text,
  issued_on date NOT NULL,
  valid_until date,
  revoked_on date,
  digitized_on date,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX register_holder_id ON register(holder_id) WHERE holder_id IS NOT NULL;
CREATE INDEX register_result_number ON register(result_number) WHERE result_number IS NOT NULL;
CREATE TABLE documents (
  desk_id uuid NOT NULL,
  local_id bigint NOT NULL,
  unit_id int NOT NULL REFERENCES units(id),
  dossier_code text,
  title text NOT NULL,
  status text NOT NULL,
  page_count int NOT NULL,
  digitized_at text,
  fields jsonb NOT NULL DEFAULT '{}',
  signed_sha256 text,
  signed_size bigint,
  deleted boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (desk_id, local_id)
);
CREATE INDEX documents_dossier ON documents(dossier_code) WHERE dossier_code IS NOT NULL;
CREATE TABLE blobs (
  sha256 text PRIMARY KEY,
  size bigint NOT NULL,
  received bigint NOT NULL DEFAULT 0,
  complete boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Coverage as deltas: each register row adds +1/−1 events (valid, digitized, handled this year,
-- handled and digitized) on the days they start and stop counting, kept per year, month and day,
-- so the figures at a date are a sum over at most a few years, eleven months and 31 days.
CREATE TABLE coverage_deltas (
  grain char(1) NOT NULL CHECK (grain IN ('y','m','d')),
  bucket date NOT NULL,
  unit_id int NOT NULL,
  holder_unit_id int NOT NULL DEFAULT 0,
  procedure_code text NOT NULL DEFAULT '',
  dv int NOT NULL DEFAULT 0,
  dd int NOT NULL DEFAULT 0,
  hv int NOT NULL DEFAULT 0,
  hd int NOT NULL DEFAULT 0,
  PRIMARY KEY (grain, bucket, unit_id, holder_unit_id, procedure_code)
);

CREATE TABLE lookups (
  id uuid PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  account_id int REFERENCES accounts(id),
  desk_id uuid REFERENCES desks(id),
  officer text NOT NULL,
  by text NOT NULL,
  purpose_dossier text NOT NULL,
  note text,
  results int NOT NULL,
  signed text[] NOT NULL DEFAULT '{}'
);
CREATE INDEX lookups_actor_at ON lookups(officer, at);
`;
