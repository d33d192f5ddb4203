import type { Migration } from './types';

/** Organisations, users, sessions and the append-only audit log. */
export const migration001: Migration = {
  id: 1,
  name: 'core: organisations, users, sessions, audit log',
  sql: /* sql */ `
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;

CREATE TABLE organisations (
  id uuid PRIMARY KEY,
  ori text NOT NULL UNIQUE CHECK (ori ~ '^[A-Z]{2}[0-9A-Z]{7}$'),
  name text NOT NULL,
  county text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('superior_court', 'tribal_court', 'sheriff', 'law_enforcement', 'state')),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES organisations (id),
  username text NOT NULL,
  display_name text NOT NULL,
  -- PBKDF2-SHA256: hash and salt in base64, with the iteration count used for this hash.
  password_hash text NOT NULL,
  password_salt text NOT NULL,
  password_iterations integer NOT NULL CHECK (password_iterations >= 1000),
  totp_secret text NOT NULL,
  -- The last TOTP time step accepted: a code is never accepted twice (replay resistance).
  totp_last_step bigint NOT NULL DEFAULT 0,
  roles text[] NOT NULL DEFAULT '{}',
  clets_certified_until date,
  failed_attempts integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_username_key ON users (lower(username));
CREATE INDEX users_org_idx ON users (org_id);

CREATE TABLE sessions (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id),
  -- SHA-256 of the current refresh token; rotated on every refresh.
  refresh_token_hash text NOT NULL UNIQUE,
  refresh_expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  component text NOT NULL,
  event_type text NOT NULL,
  user_id uuid,
  username text,
  org_id uuid,
  outcome text NOT NULL CHECK (outcome IN ('success', 'failure', 'denied')),
  object_type text,
  object_id text,
  request_id text,
  details jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_at_idx ON audit_log (at);
CREATE INDEX audit_log_user_idx ON audit_log (user_id, id);
CREATE INDEX audit_log_object_idx ON audit_log (object_id, id);

-- Append-only: the trigger refuses every UPDATE, DELETE and TRUNCATE, whoever the caller is.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = '42501';
END;
$$;
CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
`,
};
