import type { EnqueueOptions, JobHandler, JobQueue, ProcessOptions } from './job-queue.js';
import type { QueueLogger } from './queue-logger.js';

export interface FallbackJobQueueOptions<TPayload> {
  primary: JobQueue<TPayload>;
  /** Takes the jobs the primary cannot store (Redis down): run here, lost if this process dies. */
  fallback: JobQueue<TPayload>;
  logger: QueueLogger;
  /** An enqueue slower than this goes to the fallback. Default 2000 ms. */
  enqueueTimeoutMs?: number;
}

/**
 * The BullMQ queue while Redis answers, the in-process queue when it does not, so a webhook is
 * still processed during an outage. A job whose Redis write timed out but landed after all may
 * run twice; the incident claim (keyed by job id) keeps it from posting twice.
 */
export class FallbackJobQueue<TPayload = unknown> implements JobQueue<TPayload> {
  private readonly primary: JobQueue<TPayload>;
  private readonly fallback: JobQueue<TPayload>;
  private readonly logger: QueueLogger;
  private readonly enqueueTimeoutMs: number;
  private degraded = false;

  constructor(options: FallbackJobQueueOptions<TPayload>) {
    this.primary = options.primary;
    this.fallback = options.fallback;
    this.logger = options.logger;
    this.enqueueTimeoutMs = options.enqueueTimeoutMs ?? 2000;
  }

  async enqueue(name: string, payload: TPayload, options: EnqueueOptions = {}): Promise<string> {
    try {
      const id = await withTimeout(this.primary.enqueue(name, payload, options), this.enqueueTimeoutMs);
      if (this.degraded) {
        this.degraded = false;
        this.logger.info({}, 'job queue on redis again');
      }
      return id;
    } catch (error) {
      if (!this.degraded) {
        this.degraded = true;
        this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'job queue redis unavailable: running jobs in-process');
      }
      return this.fallback.enqueue(name, payload, options);
    }
  }

  async process(handler: JobHandler<TPayload>, options: ProcessOptions = {}): Promise<void> {
    await this.fallback.process(handler, options);
    await this.primary.process(handler, options);
  }

  async depth(): Promise<number> {
    const local = await this.fallback.depth();
    try {
      return local + (await withTimeout(this.primary.depth(), this.enqueueTimeoutMs));
    } catch {
      return local;
    }
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.primary.close(), this.fallback.close()]);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
