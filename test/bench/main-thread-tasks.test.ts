/** bench:ui's reading of a Chromium trace: the renderer main thread's top-level tasks only. */
import { describe, expect, it } from 'vitest';
import { summariseTasks } from './main-thread-tasks';

const meta = (pid: number, tid: number, name: string) => ({
  ph: 'M',
  name: 'thread_name',
  pid,
  tid,
  ts: 0,
  args: { name },
});
const task = (
  pid: number,
  tid: number,
  ts: number,
  durMs: number,
  name = 'ThreadControllerImpl::RunTask',
) => ({
  ph: 'X',
  name,
  pid,
  tid,
  ts,
  dur: durMs * 1000,
});

describe('summariseTasks', () => {
  it('reports the true longest task even when none passes 50 ms', () => {
    const summary = summariseTasks([
      meta(1, 1, 'CrRendererMain'),
      task(1, 1, 0, 12.5),
      task(1, 1, 20_000, 31.2),
    ]);
    expect(summary).toEqual({ tasks: 2, longestMs: 31.2, over50Ms: 0 });
  });

  it('counts tasks over 50 ms, leaves out other threads and nested tasks', () => {
    const summary = summariseTasks([
      meta(1, 1, 'CrRendererMain'),
      meta(1, 2, 'DedicatedWorker thread'),
      meta(2, 1, 'CrBrowserMain'),
      task(1, 1, 0, 80),
      // Nested inside the 80 ms task: part of its time, not a task of its own.
      task(1, 1, 10_000, 60),
      task(1, 1, 100_000, 51, 'RunTask'),
      task(1, 2, 0, 500),
      task(2, 1, 0, 400),
    ]);
    expect(summary).toEqual({ tasks: 2, longestMs: 80, over50Ms: 2 });
  });

  it('says 0 for a trace without renderer tasks', () => {
    expect(summariseTasks([])).toEqual({ tasks: 0, longestMs: 0, over50Ms: 0 });
  });
});
