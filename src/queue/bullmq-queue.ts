import { Queue, UnrecoverableError, Worker, type Job as BullJob } from 'bullmq';
import type { DeadLetter, EnqueueOptions, Job, JobHandler, JobQueue, ProcessOptions } from './job-queue.js';
import type { QueueLogger } from './queue-logger.js';
import { backoffDelay } from './backoff-delay.js';
import { classifyJobError, type JobErrorClass } from './classify-job-error.js';
import { QUEUE_DEFAULTS } from './queue-defaults.js';
import { QueueError } from './queue-error.js';
import { positiveInteger } from './positive-integer.js';
import { nonNegativeNumber as nonNegative } from './non-negative-number.js';
import { reportDeadLetter } from './report-dead-letter.js';

export interface BullmqQueueOptions {
  redisUrl: string;
  /** Default `goarch-jobs`. No ":". */
  queueName?: string;
  /** BullMQ key prefix. Default `goarch:bull`. Tests use a unique one. */
  prefix?: string;
  attempts?: number;
  backoffMs?: number;
  maxBackoffMs?: number;
  /** removeOnComplete bounds: how many, and for how long (s). Defaults 1000 and 24 h. */
  keepCompleted?: number;
  keepCompletedAgeSeconds?: number;
  /** removeOnFail bounds. Defaults 5000 and 7 days. */
  keepFailed?: number;
  keepFailedAgeSeconds?: number;
  /** Stalled-job recovery: a job whose worker stopped renewing its lock goes back to wait. */
  stalledIntervalMs?: number;
  lockDurationMs?: number;
  maxStalledCount?: number;
  /** How long `process` waits for the worker's connection before returning anyway. Default 2000 ms. */
  readyTimeoutMs?: number;
  /** How long `close` waits for Redis to answer a round trip before forcing the worker shut (not waiting for running jobs). Default 1000 ms. */
  closeTimeoutMs?: number;
  logger?: QueueLogger;
  onDeadLetter?: (dead: DeadLetter) => void;
}

const BACKOFF_TYPE = 'goarch-exponential';
const silent: QueueLogger = { info: () => {}, warn: () => {}, error: () => {} };

/** Carries the classification of a non-retryable failure through BullMQ, which then does not retry. */
class NonRetryableJobFailure extends UnrecoverableError {
  constructor(readonly failure: JobErrorClass) {
    super(failure.message);
  }
}

/**
 * Jobs in Redis through BullMQ: they survive the process, any replica's worker takes them, a job
 * whose worker died is moved back to wait after `stalledIntervalMs` and run again. BullMQ types stay
 * in this file.
 */
export class BullmqQueue<TPayload = unknown> implements JobQueue<TPayload> {
  private readonly options: Required<Omit<BullmqQueueOptions, 'onDeadLetter' | 'logger'>>;
  private readonly logger: QueueLogger;
  private readonly onDeadLetter: ((dead: DeadLetter) => void) | undefined;
  private readonly queue: Queue;
  private worker: Worker | undefined;
  private lastError: string | undefined;
  private closed = false;

  constructor(options: BullmqQueueOptions) {
    this.options = {
      redisUrl: options.redisUrl,
      queueName: options.queueName ?? QUEUE_DEFAULTS.queueName,
      prefix: options.prefix ?? QUEUE_DEFAULTS.prefix,
      attempts: positiveInteger('attempts', options.attempts ?? QUEUE_DEFAULTS.attempts),
      backoffMs: nonNegative('backoffMs', options.backoffMs ?? QUEUE_DEFAULTS.backoffMs),
      maxBackoffMs: nonNegative('maxBackoffMs', options.maxBackoffMs ?? QUEUE_DEFAULTS.maxBackoffMs),
      keepCompleted: positiveInteger('keepCompleted', options.keepCompleted ?? QUEUE_DEFAULTS.keepCompleted),
      keepCompletedAgeSeconds: positiveInteger('keepCompletedAgeSeconds', options.keepCompletedAgeSeconds ?? QUEUE_DEFAULTS.keepCompletedAgeSeconds),
      keepFailed: positiveInteger('keepFailed', options.keepFailed ?? QUEUE_DEFAULTS.keepFailed),
      keepFailedAgeSeconds: positiveInteger('keepFailedAgeSeconds', options.keepFailedAgeSeconds ?? QUEUE_DEFAULTS.keepFailedAgeSeconds),
      stalledIntervalMs: positiveInteger('stalledIntervalMs', options.stalledIntervalMs ?? QUEUE_DEFAULTS.stalledIntervalMs),
      lockDurationMs: positiveInteger('lockDurationMs', options.lockDurationMs ?? QUEUE_DEFAULTS.lockDurationMs),
      maxStalledCount: positiveInteger('maxStalledCount', options.maxStalledCount ?? QUEUE_DEFAULTS.maxStalledCount),
      readyTimeoutMs: nonNegative('readyTimeoutMs', options.readyTimeoutMs ?? 2000),
      closeTimeoutMs: nonNegative('closeTimeoutMs', options.closeTimeoutMs ?? 1000),
    };
    if (this.options.queueName.includes(':')) throw new QueueError('queue-invalid-option', 'queueName cannot contain ":".');
    this.logger = options.logger ?? silent;
    this.onDeadLetter = options.onDeadLetter;
    this.queue = new Queue(this.options.queueName, {
      // Fail fast when Redis is away: the caller falls back instead of waiting on an offline queue.
      connection: { url: this.options.redisUrl, enableOfflineQueue: false, maxRetriesPerRequest: 1, connectionName: 'goarch-queue' },
      prefix: this.options.prefix,
      defaultJobOptions: {
        attempts: this.options.attempts,
        backoff: { type: BACKOFF_TYPE },
        removeOnComplete: { count: this.options.keepCompleted, age: this.options.keepCompletedAgeSeconds },
        removeOnFail: { count: this.options.keepFailed, age: this.options.keepFailedAgeSeconds },
      },
    });
    this.queue.on('error', (error) => this.noteConnectionError('queue', error));
  }

  async enqueue(name: string, payload: TPayload, options: EnqueueOptions = {}): Promise<string> {
    if (this.closed) throw new QueueError('queue-closed', 'The job queue is closed.');
    const job = await this.queue.add(name, payload, {
      ...(options.jobId === undefined ? {} : { jobId: toBullmqId(options.jobId) }),
      ...(options.delayMs === undefined || options.delayMs <= 0 ? {} : { delay: options.delayMs }),
    });
    return fromBullmqId(job.id ?? '');
  }

  async process(handler: JobHandler<TPayload>, options: ProcessOptions = {}): Promise<void> {
    if (this.closed) throw new QueueError('queue-closed', 'The job queue is closed.');
    if (this.worker) throw new QueueError('queue-already-processing', 'process() was already called on this queue.');
    const concurrency = positiveInteger('concurrency', options.concurrency ?? QUEUE_DEFAULTS.concurrency);
    const { backoffMs, maxBackoffMs } = this.options;
    const worker = new Worker(this.options.queueName, (job: BullJob) => this.run(handler, job), {
      connection: { url: this.options.redisUrl, maxRetriesPerRequest: null, connectionName: 'goarch-worker' },
      prefix: this.options.prefix,
      concurrency,
      stalledInterval: this.options.stalledIntervalMs,
      lockDuration: this.options.lockDurationMs,
      maxStalledCount: this.options.maxStalledCount,
      settings: {
        backoffStrategy: (attemptsMade: number, _type?: string, error?: Error) =>
          backoffDelay(attemptsMade, backoffMs, maxBackoffMs, error ? classifyJobError(error).retryAfterMs : undefined),
      },
    });
    this.worker = worker;
    worker.on('error', (error) => this.noteConnectionError('worker', error));
    worker.on('failed', (job, error) => this.onFailed(job, error));
    worker.on('stalled', (jobId) => this.logger.warn({ jobId: fromBullmqId(jobId) }, 'job stalled (its worker died?): moved back to wait'));
    const ready = await settleWithin(worker.waitUntilReady(), this.options.readyTimeoutMs);
    if (!ready) this.logger.warn({ queue: this.options.queueName }, 'job worker not connected yet: it will start taking jobs once Redis answers');
  }

  async depth(): Promise<number> {
    const counts = await this.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
    return Object.values(counts).reduce((sum, n) => sum + n, 0);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled([this.closeWorker(), this.queue.close()]);
  }

  /**
   * Let running jobs finish. A worker that cannot reach Redis would wait for ever (BullMQ's graceful
   * close needs the connection), so it is forced shut when Redis does not answer a round trip in time.
   */
  private async closeWorker(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    const reachable = await settleWithin(this.depth(), this.options.closeTimeoutMs);
    if (!reachable) this.logger.warn({ queue: this.options.queueName }, 'redis unreachable at close: forcing the job worker shut');
    await worker.close(!reachable);
  }

  private async run(handler: JobHandler<TPayload>, job: BullJob): Promise<void> {
    const view: Job<TPayload> = {
      id: fromBullmqId(job.id ?? ''),
      name: job.name,
      payload: job.data as TPayload,
      attempt: job.attemptsMade + 1,
      maxAttempts: job.opts.attempts ?? this.options.attempts,
    };
    try {
      await handler(view);
    } catch (error) {
      const failure = classifyJobError(error);
      if (!failure.retryable) throw new NonRetryableJobFailure(failure);
      throw error instanceof Error ? error : new Error(failure.message);
    }
  }

  private onFailed(job: BullJob | undefined, error: Error): void {
    const failure = error instanceof NonRetryableJobFailure ? error.failure : classifyJobError(error);
    if (!job) {
      this.logger.error({ code: failure.code, err: failure.message }, 'job failed and was removed');
      return;
    }
    const jobId = fromBullmqId(job.id ?? '');
    if (job.finishedOn === undefined) {
      this.logger.warn({ jobId, name: job.name, attempt: job.attemptsMade, code: failure.code }, 'job failed: retrying');
      return;
    }
    reportDeadLetter(this.logger, this.onDeadLetter, {
      jobId,
      name: job.name,
      attempts: job.attemptsMade,
      reason: failure.retryable ? 'attempts-exhausted' : 'non-retryable',
      code: failure.code,
      message: failure.message,
    });
  }

  private noteConnectionError(source: 'queue' | 'worker', error: Error): void {
    if (this.closed || error.message === this.lastError) return;
    this.lastError = error.message;
    this.logger.warn({ source, err: error.message }, 'job queue redis error: BullMQ reconnects by itself');
  }
}

/** True when `promise` resolves within `ms`; false when it rejects or takes longer. Never rejects. */
function settleWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    promise.then(
      () => {
        clearTimeout(timer);
        resolve(true);
      },
      () => {
        clearTimeout(timer);
        resolve(false);
      },
    );
  });
}

/** BullMQ refuses custom ids that are integers or hold ":"; this keeps any caller id, reversibly. */
function toBullmqId(id: string): string {
  return `j-${encodeURIComponent(id)}`;
}

function fromBullmqId(id: string): string {
  return id.startsWith('j-') ? decodeURIComponent(id.slice(2)) : id;
}
