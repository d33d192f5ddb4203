/**
 * The station identifies itself on every request with this header, so the registry's audit log can
 * say from which workstation an action came (CJIS audit: where, besides who). The value is the
 * station's own name (letters, digits, spaces, `.`, `_`, `-`; at most 64: the station's name setting): a malformed value is refused with
 * 400 naming the header; a request without it is recorded with no station.
 */
import { z } from 'zod';

export const STATION_ID_HEADER = 'x-ccpor-station';

export const stationIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/, {
  error: 'A station id is 1-64 letters, digits, spaces, ".", "_" or "-".',
});
export type StationId = z.infer<typeof stationIdSchema>;
