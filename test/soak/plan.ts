/**
 * The soak's plan, a pure function of its seed and sizes: which station phase each SIGKILL aims at,
 * in which lane, how long after the phase is reached, with which seed for the child's own choices;
 * after which station kills the registry is killed; and, per lane, the fault the proxy applies to
 * the n-th request it sees. Replaying a seed replays this plan; what the processes do between the
 * planned points still depends on the machine's timing, which is the point of a real-process soak.
 */
import { FAULTS, type Fault } from '../main/sync/support/fault-proxy';
import { prng } from '../main/sync/fault/ledger';

export const STATION_PHASES = ['startup', 'migration', 'scan', 'save', 'sync', 'upload'] as const;
export type StationPhase = (typeof STATION_PHASES)[number];
export type KillPhase = StationPhase | 'registry';

/** How the station kills are spread over the phases (weights; start-up includes the store open). */
const PHASE_WEIGHTS: Record<StationPhase, number> = {
  startup: 0.12,
  migration: 0.04,
  scan: 0.06,
  save: 0.24,
  sync: 0.27,
  upload: 0.27,
};

/** One registry kill for this many kills in all. */
const KILLS_PER_REGISTRY_KILL = 50;
/** Share of requests the proxy mistreats. */
export const FAULT_RATE = 0.15;

export interface KillPoint {
  readonly index: number;
  readonly phase: StationPhase;
  /** Station lane (0…lanes-1) for start-up, save, sync and upload kills; scan and migration have their own. */
  readonly lane: number;
  /** Milliseconds after the phase is reached (start-up: after the spawn). */
  readonly delayMs: number;
  /** Scan kills: after this many pages were recorded. */
  readonly pages: number;
  readonly childSeed: number;
}

export interface SoakPlan {
  readonly seed: number;
  readonly kills: readonly KillPoint[];
  /** Registry kills happen once this many station kills are done. */
  readonly registryKillsAfter: readonly number[];
  readonly submissions: number;
  readonly lanes: number;
}

export interface SoakSize {
  readonly seed: number;
  readonly kills: number;
  readonly submissions: number;
  readonly lanes: number;
}

export function planSoak(size: SoakSize): SoakPlan {
  const random = prng(size.seed);
  const registryKills = Math.max(1, Math.round(size.kills / KILLS_PER_REGISTRY_KILL));
  const stationKills = Math.max(0, size.kills - registryKills);
  const phases = STATION_PHASES.flatMap((p) => [[p, PHASE_WEIGHTS[p]] as const]);
  const kills: KillPoint[] = [];
  for (let index = 0; index < stationKills; index += 1) {
    let r = random();
    const phase = phases.find(([, w]) => (r -= w) < 0)?.[0] ?? 'save';
    kills.push({
      index,
      phase,
      lane: index % size.lanes,
      delayMs: Math.floor(
        random() * (phase === 'startup' || phase === 'migration' ? 500 : phase === 'save' ? 600 : 40),
      ),
      pages: 1 + Math.floor(random() * 3),
      childSeed: 1 + Math.floor(random() * 1e9),
    });
  }
  const registryKillsAfter = Array.from({ length: registryKills }, (_, i) =>
    Math.floor(((i + 0.5) * stationKills) / registryKills),
  );
  return { seed: size.seed, kills, registryKillsAfter, submissions: size.submissions, lanes: size.lanes };
}

/** The faults one lane's proxy applies, request by request, from the seed (and the lane). */
export class FaultSchedule {
  private readonly random: () => number;
  constructor(seed: number, lane: number) {
    this.random = prng(seed * 1000 + 17 + lane);
  }

  next(): { fault: Fault; delayMs: number } {
    const fault =
      this.random() < FAULT_RATE
        ? (FAULTS[1 + Math.floor(this.random() * (FAULTS.length - 1))] as Fault)
        : ('pass' as Fault);
    return { fault, delayMs: Math.floor(this.random() * 300) };
  }
}
