/**
 * Every task the renderer's main thread ran, from a Chromium trace (DevTools protocol, category
 * `toplevel`: one complete event per task the thread's scheduler runs). The page's own
 * PerformanceObserver('longtask') only hears of tasks over 50 ms, so with none over the line it
 * says nothing about how close they came; the trace gives the true longest task either way.
 */
import type { CDPSession, Page } from 'playwright-core';

export interface MainThreadTasks {
  /** Top-level tasks on the renderer's main thread while tracing. */
  readonly tasks: number;
  readonly longestMs: number;
  /** Tasks longer than 50 ms (a "long task" by the W3C definition). */
  readonly over50Ms: number;
}

interface TraceEvent {
  readonly ph: string;
  readonly name: string;
  readonly pid: number;
  readonly tid: number;
  readonly ts: number;
  readonly dur?: number;
  readonly args?: { readonly name?: string };
}

/** Scheduler task events across Chromium versions. */
const TASK_EVENTS = new Set(['ThreadControllerImpl::RunTask', 'RunTask']);

async function readStream(cdp: CDPSession, handle: string): Promise<string> {
  let text = '';
  for (;;) {
    const chunk = await cdp.send('IO.read', { handle });
    text += chunk.base64Encoded === true ? Buffer.from(chunk.data, 'base64').toString('utf8') : chunk.data;
    if (chunk.eof) break;
  }
  await cdp.send('IO.close', { handle });
  return text;
}

/** Summarises the main-thread tasks of every renderer in a trace. */
export function summariseTasks(events: readonly TraceEvent[]): MainThreadTasks {
  const mainThreads = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const tasks = events
    .filter((e) => e.ph === 'X' && TASK_EVENTS.has(e.name) && mainThreads.has(`${e.pid}:${e.tid}`))
    .sort((a, b) => a.ts - b.ts);
  // A task run inside another (a nested run loop) is part of its parent's time: count the outer only.
  const topLevel: number[] = [];
  const endOf = new Map<string, number>();
  for (const task of tasks) {
    const thread = `${task.pid}:${task.tid}`;
    const end = task.ts + (task.dur ?? 0);
    if (task.ts < (endOf.get(thread) ?? -Infinity)) continue;
    endOf.set(thread, end);
    topLevel.push((task.dur ?? 0) / 1000);
  }
  return {
    tasks: topLevel.length,
    longestMs: Math.max(0, ...topLevel),
    over50Ms: topLevel.filter((ms) => ms > 50).length,
  };
}

/** Starts tracing the page's renderer; the returned function stops and summarises. */
export async function traceMainThreadTasks(page: Page): Promise<() => Promise<MainThreadTasks>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Tracing.start', { categories: 'toplevel', transferMode: 'ReturnAsStream' });
  return async () => {
    const complete = new Promise<string>((resolve, reject) => {
      cdp.once('Tracing.tracingComplete', (event) => {
        if (event.stream === undefined) reject(new Error('Chromium returned the trace without a stream.'));
        else resolve(event.stream);
      });
    });
    await cdp.send('Tracing.end');
    const text = await readStream(cdp, await complete);
    await cdp.detach();
    const parsed = JSON.parse(text) as { traceEvents?: TraceEvent[] } | TraceEvent[];
    return summariseTasks(Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []));
  };
}
