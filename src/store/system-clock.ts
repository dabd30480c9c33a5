import type { Clock } from './clock.js';

/** The wall clock, for composition roots. Everything else takes a `Clock`. */
export const systemClock: Clock = { now: () => Date.now() };
