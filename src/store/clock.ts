/**
 * The time source of the store and the queue. Injected so tests can move time and
 * the code never reads `Date.now` itself (STYLE §8). Milliseconds since the epoch.
 */
export interface Clock {
  now(): number;
}
