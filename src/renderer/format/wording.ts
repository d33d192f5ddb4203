/**
 * The station's wording rules in code (the guide is src/renderer/README.md, "Wording"): US English,
 * 12-hour times with AM/PM, counts in words a person reads ("1 page", "3 orders"), never "page(s)".
 * The functions live in shared/util so the station's own messages follow the same rules.
 */
export { formatClockTime, formatDateTime, formatWhen } from '../../shared/util/clock';
export { countOf } from '../../shared/util/count';
