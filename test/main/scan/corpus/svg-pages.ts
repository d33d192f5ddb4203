/**
 * SVG sources of the generated test pages (Letter at 300 dpi: 2550 × 3300 user units = pixels).
 * librsvg (through sharp) renders them with the fonts fontconfig has here: Liberation Sans/Serif
 * for printed forms, Z003 (a Zapf Chancery clone) for handwriting.
 */

export const PAGE_W = 2550;
export const PAGE_H = 3300;

const WORDS = `the respondent must not harass attack strike threaten assault hit follow stalk molest destroy
personal property disturb the peace keep under surveillance impersonate or block movements of the protected
people listed in item three must stay at least yards away from court order hearing date department room
firearms ammunition body armor relinquish within hours law enforcement agency filed proof of service`.split(
  /\s+/,
);

export function seeded(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function sentence(rand: () => number, words: number): string {
  return Array.from({ length: words }, () => WORDS[Math.floor(rand() * WORDS.length)] ?? 'order').join(' ');
}

function wrap(svgBody: string, ink = '#111'): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${PAGE_W}" height="${PAGE_H}" viewBox="0 0 ${PAGE_W} ${PAGE_H}">
<rect width="100%" height="100%" fill="#fff"/><g fill="${ink}" stroke="${ink}">${svgBody}</g></svg>`;
}

/** A page laid out like a Judicial Council order form: caption boxes, numbered items, checkboxes, text. */
export function orderFormSvg(seed: number, ink = '#111'): string {
  const rand = seeded(seed);
  const parts: string[] = [];
  const text = (
    x: number,
    y: number,
    size: number,
    body: string,
    weight = 'normal',
    family = 'Liberation Sans',
  ): void => {
    parts.push(
      `<text x="${x}" y="${y}" font-family="${family}" font-size="${size}" font-weight="${weight}" stroke="none">${esc(body)}</text>`,
    );
  };
  // Caption: attorney box, court box, case number box.
  parts.push(`<rect x="150" y="150" width="1500" height="420" fill="none" stroke-width="4"/>`);
  parts.push(`<rect x="1650" y="150" width="750" height="420" fill="none" stroke-width="4"/>`);
  text(170, 200, 30, 'PARTY WITHOUT ATTORNEY OR ATTORNEY (Name, State Bar number, and address):');
  text(170, 270, 42, `Case ${Math.floor(rand() * 90000 + 10000)}`);
  text(1670, 200, 30, 'FOR COURT USE ONLY');
  parts.push(`<rect x="150" y="570" width="2250" height="260" fill="none" stroke-width="4"/>`);
  text(170, 630, 34, 'SUPERIOR COURT OF CALIFORNIA, COUNTY OF ALAMEDA', 'bold');
  text(170, 700, 30, 'STREET ADDRESS: 1225 Fallon Street, Oakland, CA 94612');
  parts.push(`<rect x="150" y="830" width="2250" height="160" fill="none" stroke-width="4"/>`);
  text(170, 930, 64, 'TEMPORARY RESTRAINING ORDER (CLETS-TRO)', 'bold');
  text(1900, 1060, 34, `CASE NUMBER: FL-${Math.floor(rand() * 900000 + 100000)}`, 'bold');
  let y = 1160;
  for (let item = 1; y < 3050; item += 1) {
    text(150, y, 40, `${item}.`, 'bold');
    parts.push(
      `<rect x="230" y="${y - 32}" width="34" height="34" fill="${rand() < 0.5 ? ink : 'none'}" stroke-width="3"/>`,
    );
    const lines = 2 + Math.floor(rand() * 4);
    for (let l = 0; l < lines && y < 3100; l += 1) {
      text(
        300,
        y,
        38,
        sentence(rand, 11 + Math.floor(rand() * 5)),
        l === 0 && rand() < 0.3 ? 'bold' : 'normal',
      );
      y += 56;
    }
    y += 40;
  }
  text(
    150,
    3200,
    26,
    'Judicial Council of California, rev. January 1, 2026          DV-110, Page 1 of 6',
    'normal',
    'Liberation Serif',
  );
  return wrap(parts.join('\n'), ink);
}

/** A handwritten-looking note (Z003 script), with irregular baselines and sizes. */
export function handwrittenSvg(seed: number, lines = 14): string {
  const rand = seeded(seed);
  const parts: string[] = [];
  let y = 420;
  for (let l = 0; l < lines; l += 1) {
    const x = 220 + Math.floor(rand() * 80);
    const angle = (rand() - 0.5) * 2.4;
    const size = 70 + Math.floor(rand() * 18);
    parts.push(
      `<text x="${x}" y="${y}" font-family="Z003" font-size="${size}" transform="rotate(${angle.toFixed(2)} ${x} ${y})" stroke="none">${esc(
        sentence(rand, 6 + Math.floor(rand() * 3)),
      )}</text>`,
    );
    y += 150 + Math.floor(rand() * 40);
  }
  parts.push(`<path d="M 1500 ${y + 60} q 120 -90 240 0 t 240 0 t 240 -20" fill="none" stroke-width="7"/>`);
  return wrap(parts.join('\n'), '#1a1a40');
}

/** A back side with a few words on it: not blank. */
export function fewWordsSvg(): string {
  return wrap(
    `<text x="400" y="1500" font-family="Z003" font-size="90" stroke="none">See attached — initials J.R.</text>
     <text x="400" y="1680" font-family="Liberation Sans" font-size="40" stroke="none">Page 2</text>`,
    '#202020',
  );
}

/** A Patch code sheet. `pattern` reads from the leading (top) edge, e.g. 'NWNW' for Patch T. */
export function patchSheetSvg(pattern: string, label: string): string {
  const narrow = 0.08 * 300;
  const wide = 0.2 * 300;
  const parts: string[] = [];
  // Kodak: bars parallel to the leading edge, ≥ 2 in long, within 3.75 in of the leading edge.
  let y = 300;
  for (const [i, c] of Array.from(pattern).entries()) {
    const h = c === 'W' ? wide : narrow;
    parts.push(`<rect x="300" y="${y}" width="1950" height="${h}" stroke="none"/>`);
    y += h + (i < pattern.length - 1 ? narrow : 0);
  }
  parts.push(
    `<text x="1275" y="1400" font-family="Liberation Sans" font-size="220" font-weight="bold" text-anchor="middle" stroke="none">${esc(label)}</text>`,
  );
  parts.push(
    `<text x="1275" y="1600" font-family="Liberation Sans" font-size="60" text-anchor="middle" stroke="none">Document separator sheet</text>`,
  );
  return wrap(parts.join('\n'), '#000');
}
