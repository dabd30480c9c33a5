import { actionsTimestamp } from './actions-timestamp.js';

const wallBaseMs = Date.now();
const hrBase = process.hrtime.bigint();

/** The current time as an Actions log timestamp: wall clock at start plus a monotonic clock, so lines never go back in time. */
export function stampNow(): string {
  const ticks = BigInt(wallBaseMs) * 10_000n + (process.hrtime.bigint() - hrBase) / 100n; // 100 ns units since the epoch
  return actionsTimestamp(new Date(Number(ticks / 10_000n)), Number(ticks % 10_000n));
}
