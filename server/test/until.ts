/**
 * Waits for something a test observes from outside (a file, a row, a request) to become true: polls
 * every 20 ms, and fails after `timeoutMs` so a condition that never holds is a failure, not a hang.
 */
export async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition never became true within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
