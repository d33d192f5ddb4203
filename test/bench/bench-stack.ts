/**
 * The scanner stand-in of the scan benches: a generated stack of corpus pages (Letter at 300 dpi,
 * PGM as `scanimage` delivers them) fed to the station's scan controller as fast as it takes them.
 * Used by scan.bench.ts and day.bench.ts.
 */
import type { ScanEvent, ScannerDriver } from '../../src/main/scan/driver';
import { join } from 'node:path';
import { openStationStore, type StationStore } from '../../src/main/app/station-store';
import { openConfSettings, type SettingsService } from '../../src/main/settings';
import { MemorySecretStore } from '../../src/main/store';
import { emptyOrder } from '../../src/shared/order/schema';
import { DRAFT_A, DRAFT_B, DRAFT_C, DRAFT_D, type CorpusPage } from '../main/scan/corpus/generate';

const CONTENT: CorpusPage[] = [
  'form-1',
  'form-2',
  'handwritten',
  'form-3',
  'form-speckled',
  'back-blank-noise',
  'form-skewed',
  'form-low-contrast',
  'back-few-words',
];
const COVERS: CorpusPage[] = ['cover-a', 'cover-b-skewed', 'cover-c-upside-down'];
export const TEXT_PAGES = new Set<CorpusPage>([
  'form-1',
  'form-2',
  'form-3',
  'form-speckled',
  'form-skewed',
  'form-low-contrast',
]);

/** `pages` pages: a cover sheet, then the order's pages, for each order in turn. */
export function batchPlan(pages: number): CorpusPage[] {
  const plan: CorpusPage[] = [];
  for (let order = 0; plan.length < pages; order += 1) {
    plan.push(COVERS[order % COVERS.length] as CorpusPage);
    for (const page of CONTENT) if (plan.length < pages) plan.push(page);
  }
  return plan;
}

export const BENCH_DEVICE = 'folder:bench';

/**
 * The scanner stand-in: feeds the plan's pages as fast as they are taken. `page` gives a fresh
 * copy of a page's PGM each time: the pipeline transfers (and so detaches) the page's buffer.
 */
export function benchDriver(
  plan: readonly CorpusPage[],
  page: (name: CorpusPage) => Uint8Array,
): ScannerDriver {
  return {
    name: 'folder',
    listDevices: () =>
      Promise.resolve([
        { id: BENCH_DEVICE, driver: 'folder', vendor: 'bench', model: 'stack', label: 'Bench stack' },
      ]),
    capabilities: () =>
      Promise.resolve({
        resolutions: [300],
        modes: ['gray'],
        sources: ['feeder'],
        maxWidthMm: 216,
        maxHeightMm: 356,
      }),
    scan: () => {
      async function* events(): AsyncIterable<ScanEvent> {
        for (const [i, name] of plan.entries()) {
          // Let the controller's callbacks run between pages, as a real scanner's delivery would.
          await Promise.resolve();
          const bytes = page(name);
          yield {
            type: 'page',
            page: {
              index: i + 1,
              side: 'front',
              sheet: i + 1,
              format: 'pnm',
              bytes,
              origin: `bench:${name}`,
              resolutionDpi: 300,
            },
          };
        }
      }
      return { events: events(), cancel: () => Promise.resolve() };
    },
  };
}

/**
 * A station store and settings in `dir` as the scan benches use them: names by case and form, and the
 * four drafts the corpus's cover sheets point at.
 */
export async function openBenchStation(
  dir: string,
): Promise<{ store: StationStore; settings: SettingsService }> {
  const store = await openStationStore({ dataDir: join(dir, 'data'), secrets: new MemorySecretStore() });
  const settings = openConfSettings(join(dir, 'config'));
  settings.update({ namingTemplate: '{county}_{case}_{form}_{date}_{seq}' });
  const court = settings.get().court;
  for (const id of [DRAFT_A, DRAFT_B, DRAFT_C, DRAFT_D]) {
    store.drafts.save({ ...emptyOrder(id, court), caseNumber: `FL-${id.slice(0, 6)}`, formId: 'DV-110' });
  }
  return { store, settings };
}
