/** Defaults shared by both queues, so they behave alike under the contract suite. */
export const QUEUE_DEFAULTS = {
  queueName: 'goarch-jobs',
  /** BullMQ key prefix: keys are `goarch:bull:<queue>:...`. */
  prefix: 'goarch:bull',
  attempts: 5,
  backoffMs: 1000,
  maxBackoffMs: 60_000,
  concurrency: 4,
  /** Finished jobs kept (BullMQ removeOnComplete / removeOnFail, and the in-process jobId memory). */
  keepCompleted: 1000,
  keepCompletedAgeSeconds: 24 * 60 * 60,
  keepFailed: 5000,
  keepFailedAgeSeconds: 7 * 24 * 60 * 60,
  /** BullMQ stalled-job recovery: how often to look, how long a lock lasts, how often a job may stall. */
  stalledIntervalMs: 30_000,
  lockDurationMs: 30_000,
  maxStalledCount: 2,
} as const;
