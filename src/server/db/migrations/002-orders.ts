import type { Migration } from './types';

/** Orders, their searchable names, images, the change log, idempotency keys. */
export const migration002: Migration = {
  id: 2,
  name: 'orders: records, names, images, change log, idempotency',
  sql: /* sql */ `
CREATE TABLE orders (
  id uuid PRIMARY KEY,
  -- The organisation that submitted the order; the court is court_ori (often the same).
  org_id uuid NOT NULL REFERENCES organisations (id),
  court_ori text NOT NULL,
  county text NOT NULL,
  status text NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  sealed boolean NOT NULL,
  form_id text,
  order_type text,
  case_number text,
  -- Upper case, letters and digits only: "dv-24 000123" finds "DV-24-000123".
  case_number_norm text,
  fcn text,
  issue_date date,
  expiration_date date,
  data jsonb NOT NULL,
  created_by uuid REFERENCES users (id),
  updated_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- Work queue (workflow b): who is completing the CARPOS data, until when.
  claimed_by uuid REFERENCES users (id),
  claim_expires_at timestamptz,
  submitted_at timestamptz
);
CREATE INDEX orders_case_idx ON orders (case_number_norm text_pattern_ops);
CREATE INDEX orders_fcn_idx ON orders (fcn);
CREATE INDEX orders_county_status_idx ON orders (county, status, updated_at);
CREATE INDEX orders_status_updated_idx ON orders (status, updated_at);
CREATE INDEX orders_issue_idx ON orders (issue_date);
CREATE INDEX orders_org_idx ON orders (org_id, updated_at);

-- One row per searchable name of an order: the restrained person, each alias, each protected person.
-- Normalised (upper case, no accents or punctuation) with Double Metaphone and Soundex codes.
CREATE TABLE order_names (
  order_id uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('restrained', 'alias', 'protected')),
  ordinal integer NOT NULL,
  last_norm text NOT NULL,
  first_norm text NOT NULL DEFAULT '',
  last_dm text NOT NULL,
  last_dm_alt text NOT NULL,
  last_sx text NOT NULL,
  first_dm text NOT NULL DEFAULT '',
  dob date,
  PRIMARY KEY (order_id, role, ordinal)
);
CREATE INDEX order_names_last_idx ON order_names (last_norm text_pattern_ops, first_norm);
-- fastupdate off: a registry is read far more than written; without a pending list every search
-- sees a fully built index and the planner costs it correctly.
CREATE INDEX order_names_last_trgm_idx ON order_names USING gin (last_norm gin_trgm_ops) WITH (fastupdate = off);
CREATE INDEX order_names_last_dm_idx ON order_names (last_dm);
CREATE INDEX order_names_last_dm_alt_idx ON order_names (last_dm_alt);
CREATE INDEX order_names_dob_idx ON order_names (dob, last_norm);

CREATE TABLE blobs (
  sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size bigint NOT NULL,
  content_type text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE order_images (
  order_id uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  sha256 text NOT NULL REFERENCES blobs (sha256),
  file_name text NOT NULL,
  page_count integer NOT NULL,
  added_by uuid REFERENCES users (id),
  added_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (order_id, sha256)
);

-- The change feed. Writers take a transaction-scoped advisory lock before inserting here, so
-- sequence order is commit order and a reader's cursor never skips a late commit.
CREATE TABLE order_changes (
  seq bigserial PRIMARY KEY,
  order_id uuid NOT NULL,
  org_id uuid NOT NULL,
  county text NOT NULL,
  status text NOT NULL,
  version integer NOT NULL,
  kind text NOT NULL,
  -- The entry concerns the county work queue (an order entering, in, or leaving it).
  queue boolean NOT NULL DEFAULT false,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX order_changes_org_idx ON order_changes (org_id, seq);
CREATE INDEX order_changes_queue_idx ON order_changes (county, seq) WHERE queue;

CREATE TABLE idempotency_keys (
  key uuid PRIMARY KEY,
  user_id uuid NOT NULL,
  fingerprint text NOT NULL,
  status_code integer,
  response jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);
`,
};
