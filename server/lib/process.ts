// Whether a process is alive: how lock files and scratch files tell a crashed owner from a running one.

export function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether a scratch entry named `<pid>-…` was left behind: its process is gone, or it is older than
 * `maxAgeMs` (a pid reused by another process must not keep it forever).
 */
export function isLeftBehind(name: string, modifiedAt: Date, maxAgeMs: number, now = Date.now()): boolean {
  const pid = Number(/^(\d+)-/.exec(name)?.[1]);
  if (!isRunning(pid)) return true;
  return pid !== process.pid && now - modifiedAt.getTime() > maxAgeMs;
}
