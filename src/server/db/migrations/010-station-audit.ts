import type { Migration } from './types';

/**
 * The station audit events the registry has recorded, by the station's id for each: a station that
 * sends a batch again (its answer was lost) gets each event recorded once. The events themselves go
 * into audit_log (component 'station'), under the user whose token sent them.
 */
export const migration010: Migration = {
  id: 10,
  name: 'station_audit_events: station audit events recorded once',
  sql: /* sql */ `
CREATE TABLE station_audit_events (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id),
  received_at timestamptz NOT NULL DEFAULT now()
);
`,
};
