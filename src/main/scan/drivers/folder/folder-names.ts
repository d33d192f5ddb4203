/**
 * Which names in a hot folder are finished scans. Capture software writes under a temporary name
 * and renames when done (Kofax, PaperStream, browsers, Office): those names are never taken.
 */
const TEMPORARY = /(\.tmp|\.temp|\.part|\.partial|\.crdownload|\.download|\.filepart|\.lock)$/i;

/** Files the station takes: images it can read, and PDFs/other files it reports as unsupported. */
export function isCandidateName(name: string): boolean {
  if (name.startsWith('.') || name.startsWith('~')) return false; // hidden, our journal, Office owner files
  if (TEMPORARY.test(name)) return false;
  if (/^thumbs\.db$|^desktop\.ini$/i.test(name)) return false;
  return true;
}

/** A free name in `existing` for `name`: "scan.tif", then "scan (2).tif", "scan (3).tif"... */
export function freeName(name: string, existing: ReadonlySet<string>): string {
  if (!existing.has(name)) return name;
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const ext = dot > 0 ? name.slice(dot) : '';
  for (let n = 2; ; n++) {
    const candidate = `${stem} (${n})${ext}`;
    if (!existing.has(candidate)) return candidate;
  }
}
