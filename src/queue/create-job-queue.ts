import { BullmqQueue, type BullmqQueueOptions } from './bullmq-queue.js';
import { FallbackJobQueue } from './fallback-job-queue.js';
import { InProcessQueue } from './in-process-queue.js';
import type { JobQueue } from './job-queue.js';

export interface JobQueueOptions extends Omit<BullmqQueueOptions, 'redisUrl'> {
  /** With it: BullMQ on that Redis, falling back to in-process while Redis is down. Without: in-process only. */
  redisUrl?: string | null | undefined;
  /** An enqueue slower than this runs in-process instead. Default 2000 ms. */
  enqueueTimeoutMs?: number;
}

/** The job queue for a composition root. Options are checked here and fail loudly. */
export function createJobQueue<TPayload = unknown>(options: JobQueueOptions = {}): JobQueue<TPayload> {
  const { redisUrl, enqueueTimeoutMs, ...rest } = options;
  const inProcess = new InProcessQueue<TPayload>({
    ...(rest.attempts === undefined ? {} : { attempts: rest.attempts }),
    ...(rest.backoffMs === undefined ? {} : { backoffMs: rest.backoffMs }),
    ...(rest.maxBackoffMs === undefined ? {} : { maxBackoffMs: rest.maxBackoffMs }),
    ...(rest.keepCompleted === undefined ? {} : { keepCompleted: rest.keepCompleted }),
    ...(rest.logger === undefined ? {} : { logger: rest.logger }),
    ...(rest.onDeadLetter === undefined ? {} : { onDeadLetter: rest.onDeadLetter }),
  });
  if (redisUrl === undefined || redisUrl === null || redisUrl === '') {
    rest.logger?.info({ queue: 'in-process' }, 'job queue in-process: no REDIS_URL, jobs are lost if this process dies');
    return inProcess;
  }
  return new FallbackJobQueue<TPayload>({
    primary: new BullmqQueue<TPayload>({ ...rest, redisUrl }),
    fallback: inProcess,
    logger: rest.logger ?? { info: () => {}, warn: () => {}, error: () => {} },
    ...(enqueueTimeoutMs === undefined ? {} : { enqueueTimeoutMs }),
  });
}
