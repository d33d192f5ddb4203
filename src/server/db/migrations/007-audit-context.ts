import type { Migration } from './types';

/**
 * Where each audited action came from: the client's address and the station id the station sends
 * (X-CCPOR-Station), beside the request id already recorded. Indexed for the audit API's filters
 * (newest first within each value, like the other audit indexes).
 */
export const migration007: Migration = {
  id: 7,
  name: 'audit_log: client address and station id',
  sql: /* sql */ `
ALTER TABLE audit_log ADD COLUMN client_address text, ADD COLUMN station_id text;
CREATE INDEX audit_log_station_idx ON audit_log (station_id, id) WHERE station_id IS NOT NULL;
CREATE INDEX audit_log_address_idx ON audit_log (client_address, id) WHERE client_address IS NOT NULL;
CREATE INDEX audit_log_request_idx ON audit_log (request_id) WHERE request_id IS NOT NULL;
`,
};
