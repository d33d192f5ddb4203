/**
 * For the fault rig's children: exit when the process that started them is gone (a test that timed
 * out, a soak stopped with Ctrl-C), instead of living on as orphans holding ports and CPU. The
 * parent's pid is noted at start; once this process has been handed to another parent, it exits.
 */
export function exitWithParent(): void {
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) process.exit(3);
  }, 1_000).unref();
}
