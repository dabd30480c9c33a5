/** Defaults shared by every store implementation, so both behave alike under the contract suite. */
export const STORE_DEFAULTS = {
  /** Dedupe window: 24 h from the first claim. */
  windowMs: 24 * 60 * 60 * 1000,
  /** Time the claim winner has to record its post before another claimer may take over. */
  leaseMs: 10 * 60 * 1000,
  maxOccurrences: 20,
  maxTrackedKeys: 1000,
  maxIncidents: 10_000,
  maxDeliveries: 100_000,
  /** Key namespace of the Redis store. */
  prefix: 'goarch',
} as const;
