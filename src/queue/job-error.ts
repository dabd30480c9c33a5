/**
 * An error a job handler throws to say whether running it again can help.
 * Adapters translate their failures into it: GitHub 5xx / rate limit -> retryable, 404 -> not.
 */
export class JobError extends Error {
  readonly code: string;
  readonly retryable: boolean;
  /** Wait at least this long before the retry (e.g. from a Retry-After header). */
  readonly retryAfterMs: number | undefined;

  constructor(code: string, message: string, options: { retryable: boolean; retryAfterMs?: number; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'JobError';
    this.code = code;
    this.retryable = options.retryable;
    this.retryAfterMs = options.retryAfterMs;
  }
}
