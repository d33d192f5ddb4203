import { describe, expect, it } from 'vitest';
import {
  clampRatio,
  ratioAfterKey,
  ratioRange,
  readRatio,
  writeRatio,
  type PreferenceStore,
} from '../../src/renderer/components/split-ratio';

const WIDE = { total: 1000, minFirst: 200, minSecond: 500 };

function memoryStore(): PreferenceStore & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => {
      items.set(key, value);
    },
  };
}

describe('the split pane ratio', () => {
  it('keeps both panes at their minimum widths', () => {
    expect(clampRatio(0.05, WIDE)).toBeCloseTo(0.2);
    expect(clampRatio(0.9, WIDE)).toBeCloseTo(0.5);
    expect(clampRatio(0.3, WIDE)).toBeCloseTo(0.3);
    expect(ratioRange(WIDE)).toEqual({ min: 20, max: 50 });
  });

  it('gives the second pane (the form) its minimum first when the window is too narrow for both', () => {
    expect(clampRatio(0.5, { total: 600, minFirst: 200, minSecond: 500 })).toBeCloseTo(1 / 6);
  });

  it('moves by keyboard: arrows a little, Page Up/Down a lot, Home/End to the limits', () => {
    expect(ratioAfterKey('ArrowRight', 0.3, WIDE)).toBeCloseTo(0.32);
    expect(ratioAfterKey('ArrowLeft', 0.3, WIDE)).toBeCloseTo(0.28);
    expect(ratioAfterKey('PageDown', 0.3, WIDE)).toBeCloseTo(0.4);
    expect(ratioAfterKey('Home', 0.3, WIDE)).toBeCloseTo(0.2);
    expect(ratioAfterKey('End', 0.3, WIDE)).toBeCloseTo(0.5);
    expect(ratioAfterKey('ArrowRight', 0.5, WIDE)).toBeCloseTo(0.5);
    expect(ratioAfterKey('a', 0.3, WIDE)).toBeNull();
  });

  it('remembers the ratio and reads back only a real ratio', () => {
    const store = memoryStore();
    expect(readRatio(store, 'k', 0.45)).toBe(0.45);
    writeRatio(store, 'k', 0.3333333);
    expect(store.items.get('k')).toBe('0.3333');
    expect(readRatio(store, 'k', 0.45)).toBeCloseTo(0.3333);
    for (const kept of ['', 'wide', '1.5', '0', '-0.2']) {
      store.items.set('k', kept);
      expect(readRatio(store, 'k', 0.45), `kept "${kept}"`).toBe(0.45);
    }
  });

  it('falls back to the default layout when storage is refused', () => {
    const refusing: PreferenceStore = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(readRatio(refusing, 'k', 0.45)).toBe(0.45);
    expect(() => {
      writeRatio(refusing, 'k', 0.3);
    }).not.toThrow();
  });
});
