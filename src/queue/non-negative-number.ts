import { QueueError } from './queue-error.js';

/** Checks a duration option at construction and names it when it is wrong. */
export function nonNegativeNumber(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new QueueError('queue-invalid-option', `${name} must be a number of at least 0, got ${String(value)}.`);
  }
  return value;
}
