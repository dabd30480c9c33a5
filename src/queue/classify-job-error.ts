import { ServiceError } from '../service/service-error.js';
import { JobError } from './job-error.js';

export interface JobErrorClass {
  retryable: boolean;
  code: string;
  message: string;
  retryAfterMs?: number;
}

const RETRYABLE_STATUS = new Set([408, 425, 429]);

/**
 * Whether a failed job is worth running again, read structurally so no HTTP client type reaches the queue:
 * 1. a `JobError` (or a use case's `ServiceError`) says so itself;
 * 2. an error with a numeric `status` (Octokit's RequestError, fetch wrappers): 5xx, 408, 425, 429 and a
 *    403 that is a rate limit are retryable, other 4xx are not; `Retry-After` is honoured;
 * 3. an error with a string `code` ending in `-unavailable` (StoreError) is retryable;
 * 4. anything else is retried (a transient fault is the likelier case; attempts are bounded).
 */
export function classifyJobError(error: unknown): JobErrorClass {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof JobError) {
    return { retryable: error.retryable, code: error.code, message, ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }) };
  }
  if (error instanceof ServiceError) return { retryable: error.retryable, code: error.code, message };
  if (typeof error === 'object' && error !== null) {
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number') {
      const retryAfterMs = retryAfter(error);
      const rateLimited = status === 403 && (/rate limit/i.test(message) || header(error, 'x-ratelimit-remaining') === '0');
      const retryable = status >= 500 || RETRYABLE_STATUS.has(status) || rateLimited;
      return { retryable, code: `http-${status}`, message, ...(retryable && retryAfterMs !== undefined ? { retryAfterMs } : {}) };
    }
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.endsWith('-unavailable')) return { retryable: true, code, message };
  }
  return { retryable: true, code: 'job-failed', message };
}

function header(error: object, name: string): string | undefined {
  const headers = (error as { response?: { headers?: Record<string, unknown> } }).response?.headers;
  const value = headers?.[name];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

function retryAfter(error: object): number | undefined {
  const value = header(error, 'retry-after');
  if (value === undefined) return undefined;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}
