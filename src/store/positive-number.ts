import { StoreError } from './store-error.js';

/** Checks an option or argument at the call that receives it, and names it when it is wrong. */
export function positiveNumber(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new StoreError('store-invalid-argument', `${name} must be a positive number, got ${String(value)}.`);
  }
  return value;
}
