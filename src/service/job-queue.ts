/** One unit of work as the handler sees it. `payload` is JSON data: parse it with a schema in the handler. */
export interface Job<TPayload = unknown> {
  id: string;
  name: string;
  payload: TPayload;
  /** 1 on the first run, 2 on the first retry... */
  attempt: number;
  maxAttempts: number;
}

export type JobHandler<TPayload = unknown> = (job: Job<TPayload>) => Promise<void>;

export interface EnqueueOptions {
  /** Idempotency: a job with the id of a waiting, running or recently finished job is not added again. */
  jobId?: string;
  /** Run no sooner than this many ms from now. */
  delayMs?: number;
}

export interface ProcessOptions {
  /** Jobs run at once by this process. Default 4. */
  concurrency?: number;
}

/** A job the queue gave up on: logged as `job dead-lettered` and passed to `onDeadLetter` (a counter). */
export interface DeadLetter {
  jobId: string;
  name: string;
  /** Runs made, the last included. */
  attempts: number;
  reason: 'non-retryable' | 'attempts-exhausted';
  /** Stable code of the last error (`http-404`, a `JobError` code, `job-failed`...). */
  code: string;
  message: string;
}

/**
 * Where webhook handlers put work and workers take it. Handlers enqueue and return; `process`
 * runs jobs with retries (exponential backoff on retryable errors, none on others) up to a bound.
 */
export interface JobQueue<TPayload = unknown> {
  /** Resolves with the job id once the job is stored (or was already there). */
  enqueue(name: string, payload: TPayload, options?: EnqueueOptions): Promise<string>;
  /** Start taking jobs in this process. Resolves once the worker is running. Once per queue. */
  process(handler: JobHandler<TPayload>, options?: ProcessOptions): Promise<void>;
  /** Jobs not finished yet: waiting, delayed (retries included) and running. */
  depth(): Promise<number>;
  /** Stop taking jobs, let running ones finish, release connections. */
  close(): Promise<void>;
}
