import type { ProbotOctokit } from 'probot';
import { createJobQueue } from '../queue/create-job-queue.js';
import type { JobQueue } from '../service/job-queue.js';
import type { ServiceContext } from '../runtime/service-context.js';
import { createIncidentStore } from '../store/create-incident-store.js';
import type { IncidentStore } from '../service/incident-store.js';

export interface Work {
  store: IncidentStore;
  queue: JobQueue<unknown>;
}

/** Test seams of the composition roots. */
export interface WorkOverrides {
  /** The Octokit class of the GitHub App (tests: faster retries, no write spacing). */
  githubOctokit?: typeof ProbotOctokit;
  /** Queue retry backoff (ms). */
  queueBackoffMs?: number;
  /** BullMQ stalled-job recovery (ms): how often to look for jobs whose worker died, and how long a job lock lasts (30 s each by default; tests shorten them). */
  queueStalledIntervalMs?: number;
  queueLockDurationMs?: number;
  /** Redis key namespace of the store and the queue (default `goarch`); tests sharing one Redis use their own. */
  redisPrefix?: string;
}

/**
 * The incident store and the job queue of a process (Redis when REDIS_URL is set, memory otherwise),
 * with their closers (the queue closes before the store and the Redis connection). `/readyz` reports
 * Redis through the `redis` check of the context; the store answers from memory while it is down.
 */
export async function createWork(context: ServiceContext, overrides: WorkOverrides = {}): Promise<Work> {
  const { config, logger, closers } = context;
  const store = await createIncidentStore({
    redisUrl: config.redisUrl,
    logger: logger.child({ component: 'store' }),
    ...(overrides.redisPrefix === undefined ? {} : { prefix: overrides.redisPrefix }),
  });
  closers.add('incident-store', () => store.close());
  const queue = createJobQueue<unknown>({
    redisUrl: config.redisUrl,
    logger: logger.child({ component: 'queue' }),
    ...(overrides.queueBackoffMs === undefined ? {} : { backoffMs: overrides.queueBackoffMs }),
    ...(overrides.redisPrefix === undefined ? {} : { prefix: `${overrides.redisPrefix}:bull` }),
    ...(overrides.queueStalledIntervalMs === undefined ? {} : { stalledIntervalMs: overrides.queueStalledIntervalMs }),
    ...(overrides.queueLockDurationMs === undefined ? {} : { lockDurationMs: overrides.queueLockDurationMs }),
  });
  closers.add('job-queue', () => queue.close());
  return { store, queue };
}
