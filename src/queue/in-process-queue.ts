import { randomUUID } from 'node:crypto';
import type { DeadLetter, EnqueueOptions, Job, JobHandler, JobQueue, ProcessOptions } from './job-queue.js';
import type { QueueLogger } from './queue-logger.js';
import { backoffDelay } from './backoff-delay.js';
import { classifyJobError } from './classify-job-error.js';
import { QUEUE_DEFAULTS } from './queue-defaults.js';
import { QueueError } from './queue-error.js';
import { positiveInteger } from './positive-integer.js';
import { nonNegativeNumber as nonNegative } from './non-negative-number.js';
import { reportDeadLetter } from './report-dead-letter.js';

export interface InProcessQueueOptions {
  /** Runs per job, the first included. Default 5. */
  attempts?: number;
  /** First retry delay; doubles per retry. Default 1000 ms. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Finished job ids remembered for `jobId` idempotency. Default 1000. */
  keepCompleted?: number;
  logger?: QueueLogger;
  onDeadLetter?: (dead: DeadLetter) => void;
  /** Job id generator when `jobId` is not given. Default `randomUUID`. */
  newId?: () => string;
}

interface Entry<TPayload> {
  job: Job<TPayload>;
}

const silent: QueueLogger = { info: () => {}, warn: () => {}, error: () => {} };

/**
 * The queue without Redis: jobs live in this process (lost if it dies), with the same retry,
 * backoff, give-up and idempotency rules as the BullMQ queue.
 */
export class InProcessQueue<TPayload = unknown> implements JobQueue<TPayload> {
  private readonly attempts: number;
  private readonly backoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly keepCompleted: number;
  private readonly logger: QueueLogger;
  private readonly onDeadLetter: ((dead: DeadLetter) => void) | undefined;
  private readonly newId: () => string;
  private readonly waiting: Entry<TPayload>[] = [];
  private readonly pending = new Set<string>();
  private readonly finished = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private handler: JobHandler<TPayload> | undefined;
  private concurrency: number = QUEUE_DEFAULTS.concurrency;
  private closed = false;

  constructor(options: InProcessQueueOptions = {}) {
    this.attempts = positiveInteger('attempts', options.attempts ?? QUEUE_DEFAULTS.attempts);
    this.backoffMs = nonNegative('backoffMs', options.backoffMs ?? QUEUE_DEFAULTS.backoffMs);
    this.maxBackoffMs = nonNegative('maxBackoffMs', options.maxBackoffMs ?? QUEUE_DEFAULTS.maxBackoffMs);
    this.keepCompleted = positiveInteger('keepCompleted', options.keepCompleted ?? QUEUE_DEFAULTS.keepCompleted);
    this.logger = options.logger ?? silent;
    this.onDeadLetter = options.onDeadLetter;
    this.newId = options.newId ?? randomUUID;
  }

  async enqueue(name: string, payload: TPayload, options: EnqueueOptions = {}): Promise<string> {
    if (this.closed) throw new QueueError('queue-closed', 'The job queue is closed.');
    const id = options.jobId ?? this.newId();
    if (this.pending.has(id) || this.finished.has(id)) return id;
    this.pending.add(id);
    const entry: Entry<TPayload> = {
      job: { id, name, payload: structuredClone(payload), attempt: 1, maxAttempts: this.attempts },
    };
    if (options.delayMs !== undefined && options.delayMs > 0) this.later(entry, options.delayMs);
    else this.waiting.push(entry);
    this.pump();
    return id;
  }

  async process(handler: JobHandler<TPayload>, options: ProcessOptions = {}): Promise<void> {
    if (this.closed) throw new QueueError('queue-closed', 'The job queue is closed.');
    if (this.handler) throw new QueueError('queue-already-processing', 'process() was already called on this queue.');
    this.concurrency = positiveInteger('concurrency', options.concurrency ?? QUEUE_DEFAULTS.concurrency);
    this.handler = handler;
    this.pump();
  }

  async depth(): Promise<number> {
    return this.pending.size;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const notRun = this.pending.size - this.running.size;
    if (notRun > 0) this.logger.warn({ notRun }, 'in-process queue closed with jobs not run: they are lost');
    this.waiting.length = 0;
    await Promise.allSettled([...this.running]);
  }

  private pump(): void {
    const handler = this.handler;
    if (!handler || this.closed) return;
    while (this.running.size < this.concurrency && this.waiting.length > 0) {
      const entry = this.waiting.shift() as Entry<TPayload>;
      const run = this.run(handler, entry).finally(() => {
        this.running.delete(run);
        this.pump();
      });
      this.running.add(run);
    }
  }

  private async run(handler: JobHandler<TPayload>, entry: Entry<TPayload>): Promise<void> {
    const job = entry.job;
    try {
      await handler({ ...job });
      this.finish(job.id);
    } catch (error) {
      const failure = classifyJobError(error);
      const final = !failure.retryable || job.attempt >= job.maxAttempts;
      if (!final && this.closed) {
        this.logger.warn({ jobId: job.id, name: job.name, attempt: job.attempt, code: failure.code }, 'job failed while the queue closed: not retried');
        return;
      }
      if (!final) {
        const delay = backoffDelay(job.attempt, this.backoffMs, this.maxBackoffMs, failure.retryAfterMs);
        this.logger.warn({ jobId: job.id, name: job.name, attempt: job.attempt, code: failure.code, delayMs: delay }, 'job failed: retrying');
        this.later({ job: { ...job, attempt: job.attempt + 1 } }, delay);
        return;
      }
      this.finish(job.id);
      reportDeadLetter(this.logger, this.onDeadLetter, {
        jobId: job.id,
        name: job.name,
        attempts: job.attempt,
        reason: failure.retryable ? 'attempts-exhausted' : 'non-retryable',
        code: failure.code,
        message: failure.message,
      });
    }
  }

  private later(entry: Entry<TPayload>, delayMs: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.waiting.push(entry);
      this.pump();
    }, delayMs);
    this.timers.add(timer);
  }

  private finish(id: string): void {
    this.pending.delete(id);
    this.finished.add(id);
    for (const old of this.finished) {
      if (this.finished.size <= this.keepCompleted) break;
      this.finished.delete(old);
    }
  }
}
