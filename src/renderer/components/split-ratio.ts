/**
 * The split pane's ratio (the first pane's share of the width) as arithmetic and a remembered UI
 * preference: clamping to the panes' minimum widths, the keyboard's steps, and reading and writing
 * it in a `Storage` (localStorage in the app; it holds a number, never order data).
 */

export interface RatioLimits {
  /** The whole width the two panes and the divider share, in CSS pixels (0 while unmeasured). */
  readonly total: number;
  readonly minFirst: number;
  readonly minSecond: number;
}

/**
 * The ratio that keeps both panes at least their minimum width. When the window is too narrow for
 * both, the second pane (the form) keeps its minimum and the first takes what is left.
 */
export function clampRatio(ratio: number, { total, minFirst, minSecond }: RatioLimits): number {
  const wanted = Number.isFinite(ratio) ? ratio : 0.5;
  if (total <= 0) return Math.min(0.9, Math.max(0.1, wanted));
  const low = Math.min(minFirst / total, 1);
  const high = Math.max(0, 1 - minSecond / total);
  if (high <= low) return high;
  return Math.min(high, Math.max(low, wanted));
}

/** The range the separator announces (aria-valuemin/max), in whole percent. */
export function ratioRange(limits: RatioLimits): { min: number; max: number } {
  return {
    min: Math.round(clampRatio(0, limits) * 100),
    max: Math.round(clampRatio(1, limits) * 100),
  };
}

const SMALL_STEP = 0.02;
const LARGE_STEP = 0.1;

/**
 * The ratio after a key press on the separator, or null for a key it does not handle. Left/Right
 * (and Up/Down, for people who expect them) move it a little, Page Up/Down a lot, Home/End to the
 * limits, as the WAI-ARIA window-splitter pattern describes.
 */
export function ratioAfterKey(key: string, ratio: number, limits: RatioLimits): number | null {
  const by = (delta: number) => clampRatio(ratio + delta, limits);
  switch (key) {
    case 'ArrowLeft':
    case 'ArrowUp':
      return by(-SMALL_STEP);
    case 'ArrowRight':
    case 'ArrowDown':
      return by(SMALL_STEP);
    case 'PageUp':
      return by(-LARGE_STEP);
    case 'PageDown':
      return by(LARGE_STEP);
    case 'Home':
      return clampRatio(0, limits);
    case 'End':
      return clampRatio(1, limits);
    default:
      return null;
  }
}

/** What the app needs of localStorage (so the tests can hand in a map). */
export interface PreferenceStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The remembered ratio, or `fallback` when none was kept or what was kept is not a ratio. */
export function readRatio(store: PreferenceStore | null, key: string, fallback: number): number {
  try {
    const kept = Number(store?.getItem(key) ?? Number.NaN);
    return Number.isFinite(kept) && kept > 0 && kept < 1 ? kept : fallback;
  } catch {
    // Storage can be refused (privacy settings); the default layout is then the right answer.
    return fallback;
  }
}

export function writeRatio(store: PreferenceStore | null, key: string, ratio: number): void {
  try {
    store?.setItem(key, ratio.toFixed(4));
  } catch {
    // A full or refused storage only costs the preference, never the work: nothing to tell.
  }
}
