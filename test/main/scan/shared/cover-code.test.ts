import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  coverCheckChar,
  encodeCoverPayload,
  humanCoverCode,
  parseCoverPayload,
} from '../../../../src/shared/scan/cover-code';

const ALPHANUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ids = fc.stringMatching(/^[A-Za-z0-9-]{1,40}$/).filter((s) => /[A-Za-z0-9]/.test(s));

describe('cover-sheet code', () => {
  it('round-trips a draft id through the payload and through the typed form', () => {
    fc.assert(
      fc.property(ids, (id) => {
        expect(parseCoverPayload(encodeCoverPayload(id))).toEqual({ ok: true, draftId: id });
        expect(parseCoverPayload(humanCoverCode(id))).toEqual({ ok: true, draftId: id });
      }),
    );
  });

  it('catches every single wrong character and every swap of neighbours', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9A-Z]{2,24}$/), fc.nat(), fc.nat(35), (id, at, sub) => {
        const i = at % id.length;
        const replacement = ALPHANUM[sub] ?? '0';
        if (replacement !== id[i]) {
          const typo = id.slice(0, i) + replacement + id.slice(i + 1);
          expect(coverCheckChar(typo)).not.toBe(coverCheckChar(id));
        }
        const j = i % (id.length - 1);
        if (id[j] !== id[j + 1]) {
          const swapped = id.slice(0, j) + (id[j + 1] ?? '') + (id[j] ?? '') + id.slice(j + 2);
          expect(coverCheckChar(swapped)).not.toBe(coverCheckChar(id));
        }
      }),
    );
  });

  it('refuses other barcodes and bad check characters with a reason', () => {
    expect(parseCoverPayload('9780306406157')).toMatchObject({
      ok: false,
      problem: { code: 'NOT_A_COVER_CODE' },
    });
    const good = encodeCoverPayload('D-7F3K9');
    const bad = good.slice(0, -1) + (good.endsWith('A') ? 'B' : 'A');
    expect(parseCoverPayload(bad)).toMatchObject({
      ok: false,
      problem: { code: 'BAD_CHECK_CHARACTER', field: 'coverCode' },
    });
    expect(() => encodeCoverPayload('has space')).toThrow(/cannot go on a cover sheet/);
  });
});
