import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  chooseFreeFileName,
  DEFAULT_NAMING_TEMPLATE,
  isPortableFileName,
  MAX_FILE_NAME_LENGTH,
  NamingTemplateError,
  parseNamingTemplate,
  renderFileName,
  type NamingInput,
} from '../../src/shared/naming';

const input: NamingInput = {
  courtOri: 'CA019015J',
  county: 'San Luis Obispo',
  caseNumber: '26FL01234',
  formId: 'DV-110',
  orderType: 'TRO',
  date: '2026-11-29',
  station: 'Clerk 3',
};
const defaultTemplate = parseNamingTemplate(DEFAULT_NAMING_TEMPLATE);

function templateError(source: string): string {
  try {
    parseNamingTemplate(source);
  } catch (error) {
    expect(error).toBeInstanceOf(NamingTemplateError);
    return (error as NamingTemplateError).code;
  }
  throw new Error(`template ${source} parsed`);
}

describe('file naming convention', () => {
  it('renders the documented default', () => {
    expect(renderFileName(defaultTemplate, input, 1)).toBe(
      'San-Luis-Obispo_26FL01234_DV-110_20261129_001.pdf',
    );
  });

  it('supports every token and format', () => {
    const t = parseNamingTemplate(
      '{court}-{type}-{station}-{date:YYYY-MM-DD}-{date:YYMMDD}-{date:MMDDYYYY}-{seq:5}',
    );
    expect(renderFileName(t, input, 42)).toBe('CA019015J-TRO-Clerk-3-2026-11-29-261129-11292026-00042.pdf');
  });

  it('collapses separators left by values not yet known', () => {
    expect(renderFileName(defaultTemplate, { ...input, caseNumber: undefined, formId: undefined }, 7)).toBe(
      'San-Luis-Obispo_20261129_007.pdf',
    );
  });

  it('replaces characters that some operating system forbids, and drops accents', () => {
    const name = renderFileName(
      parseNamingTemplate('{case}_{county}'),
      { ...input, caseNumber: 'CR/2026:0001*?', county: 'Ñoño "Q" <x>|' },
      1,
    );
    expect(name).toBe('CR-2026-0001_Nono-Q-x.pdf');
    expect(isPortableFileName(name, MAX_FILE_NAME_LENGTH)).toBe(true);
  });

  it('never produces a Windows device name', () => {
    expect(renderFileName(parseNamingTemplate('{case}'), { ...input, caseNumber: 'CON' }, 1)).toBe(
      '_CON.pdf',
    );
    expect(renderFileName(parseNamingTemplate('{case}'), { ...input, caseNumber: 'com1' }, 1)).toBe(
      '_com1.pdf',
    );
    expect(renderFileName(parseNamingTemplate('{case}'), { ...input, caseNumber: 'CONSOLE' }, 1)).toBe(
      'CONSOLE.pdf',
    );
  });

  it('shortens the longest values, keeping the date and sequence, to stay within 180 characters', () => {
    const long = { ...input, county: 'A'.repeat(300), station: 'B'.repeat(300) };
    const name = renderFileName(parseNamingTemplate('{county}_{station}_{date}_{seq}'), long, 12);
    expect(name.length).toBeLessThanOrEqual(MAX_FILE_NAME_LENGTH);
    expect(name.endsWith('_20261129_012.pdf')).toBe(true);
  });

  it('takes the next sequence on a collision, comparing without case, and never reuses a name', () => {
    const existing = new Set([
      'san-luis-obispo_26fl01234_dv-110_20261129_001.pdf',
      'san-luis-obispo_26fl01234_dv-110_20261129_002.pdf',
    ]);
    const chosen = chooseFreeFileName(defaultTemplate, input, (n) => existing.has(n.toLowerCase()));
    expect(chosen).toEqual({ name: 'San-Luis-Obispo_26FL01234_DV-110_20261129_003.pdf', sequence: 3 });
  });

  it('appends a sequence on collision when the template has none', () => {
    const t = parseNamingTemplate('{case}');
    const taken = new Set(['26FL01234.pdf']);
    expect(chooseFreeFileName(t, input, (n) => taken.has(n)).name).toBe('26FL01234_2.pdf');
  });

  it('explains a bad template', () => {
    expect(templateError('{county}_{casenumber}')).toBe('UNKNOWN_TOKEN');
    expect(templateError('{date:DD-MM-YYYY}')).toBe('BAD_DATE_FORMAT');
    expect(templateError('{seq:9}')).toBe('BAD_SEQ_WIDTH');
    expect(templateError('{case')).toBe('UNBALANCED_BRACE');
    expect(templateError('orders')).toBe('NO_TOKENS');
    expect(templateError('  ')).toBe('EMPTY_TEMPLATE');
  });

  describe('properties', () => {
    const anyText = fc.string({ unit: 'binary', maxLength: 400 });
    const anyInput = fc.record({
      courtOri: anyText,
      county: anyText,
      caseNumber: fc.option(anyText, { nil: undefined }),
      formId: fc.option(anyText, { nil: undefined }),
      orderType: fc.option(anyText, { nil: undefined }),
      date: fc.constantFrom('2026-11-29', '1999-01-01', 'not a date'),
      station: anyText,
    });
    const anyTemplate = fc
      .array(
        fc.oneof(
          fc.constantFrom(
            '{court}',
            '{county}',
            '{case}',
            '{form}',
            '{type}',
            '{date}',
            '{seq}',
            '{station}',
            '{seq:6}',
            '{date:YYYY-MM-DD}',
          ),
          fc.string({ maxLength: 8 }).filter((s) => !/[{}]/.test(s)),
        ),
        { minLength: 1, maxLength: 8 },
      )
      .map((parts) => parts.join(''))
      .filter((s) => s.trim() !== '' && /\{/.test(s));

    it('always yields a portable name of at most 180 characters, whatever the input', () => {
      fc.assert(
        fc.property(anyTemplate, anyInput, fc.integer({ min: 1, max: 999_999 }), (source, values, seq) => {
          const name = renderFileName(parseNamingTemplate(source), values, seq);
          expect(name.length).toBeLessThanOrEqual(MAX_FILE_NAME_LENGTH);
          expect(isPortableFileName(name, MAX_FILE_NAME_LENGTH)).toBe(true);
          expect(name.endsWith('.pdf')).toBe(true);
        }),
        { numRuns: 1000 },
      );
    });

    it('is deterministic and gives distinct sequences distinct names when the template has {seq}', () => {
      fc.assert(
        fc.property(
          anyInput,
          fc.integer({ min: 1, max: 9999 }),
          fc.integer({ min: 1, max: 9999 }),
          (values, a, b) => {
            fc.pre(a !== b);
            const t = parseNamingTemplate('{case}_{county}_{seq:4}');
            expect(renderFileName(t, values, a)).toBe(renderFileName(t, values, a));
            expect(renderFileName(t, values, a)).not.toBe(renderFileName(t, values, b));
          },
        ),
      );
    });

    it('never returns a name the caller says exists', () => {
      fc.assert(
        fc.property(anyInput, fc.integer({ min: 0, max: 50 }), (values, taken) => {
          const used = new Set<string>();
          for (let i = 1; i <= taken; i += 1)
            used.add(renderFileName(defaultTemplate, values, i).toLowerCase());
          const { name } = chooseFreeFileName(defaultTemplate, values, (n) => used.has(n.toLowerCase()));
          expect(used.has(name.toLowerCase())).toBe(false);
        }),
        { numRuns: 200 },
      );
    });
  });
});
