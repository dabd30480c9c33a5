import type { Clock } from '../../src/store/clock.js';

export interface FakeClock extends Clock {
  advance(ms: number): void;
}

/** A clock that moves only when told to. */
export function fakeClock(start = Date.UTC(2026, 0, 1)): FakeClock {
  let now = start;
  return {
    now: () => now,
    advance: (ms) => {
      now += ms;
    },
  };
}
