import { QueueError } from './queue-error.js';

/** Checks a whole-number option at construction and names it when it is wrong. */
export function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new QueueError('queue-invalid-option', `${name} must be a whole number of at least 1, got ${String(value)}.`);
  }
  return value;
}
