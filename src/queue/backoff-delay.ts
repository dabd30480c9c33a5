/**
 * Exponential backoff: `baseMs` after the first failure, doubling each time, at most `maxMs`,
 * and never less than a `retryAfterMs` the error asked for.
 */
export function backoffDelay(failures: number, baseMs: number, maxMs: number, retryAfterMs?: number): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.max(0, failures - 1));
  return Math.max(exponential, Math.min(retryAfterMs ?? 0, maxMs));
}
