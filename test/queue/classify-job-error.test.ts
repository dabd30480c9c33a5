import { describe, expect, it } from 'vitest';
import { classifyJobError } from '../../src/queue/classify-job-error.js';
import { backoffDelay } from '../../src/queue/backoff-delay.js';
import { JobError } from '../../src/queue/job-error.js';

const http = (status: number, message = 'x', headers: Record<string, string> = {}) =>
  Object.assign(new Error(message), { status, response: { headers } });

describe('classifyJobError', () => {
  it.each([
    ['GitHub 502', http(502), { retryable: true, code: 'http-502' }],
    ['GitHub 500', http(500), { retryable: true, code: 'http-500' }],
    ['secondary rate limit 403', http(403, 'You have exceeded a secondary rate limit'), { retryable: true, code: 'http-403' }],
    ['primary rate limit 403', http(403, 'Forbidden', { 'x-ratelimit-remaining': '0' }), { retryable: true, code: 'http-403' }],
    ['429 with Retry-After', http(429, 'Too Many', { 'retry-after': '7' }), { retryable: true, code: 'http-429', retryAfterMs: 7000 }],
    ['permission 403', http(403, 'Resource not accessible by integration'), { retryable: false, code: 'http-403' }],
    ['404', http(404, 'Not Found'), { retryable: false, code: 'http-404' }],
    ['422', http(422, 'Validation Failed'), { retryable: false, code: 'http-422' }],
    ['JobError', new JobError('bad-payload', 'no', { retryable: false }), { retryable: false, code: 'bad-payload' }],
    ['store down', Object.assign(new Error('down'), { code: 'store-unavailable' }), { retryable: true, code: 'store-unavailable' }],
    ['anything else', new TypeError('boom'), { retryable: true, code: 'job-failed' }],
  ])('%s', (_label, error, expected) => {
    expect(classifyJobError(error)).toMatchObject(expected);
  });
});

describe('backoffDelay', () => {
  it('doubles from the base, stops at the cap, and honours Retry-After', () => {
    expect([1, 2, 3, 4, 10].map((n) => backoffDelay(n, 1000, 5000))).toEqual([1000, 2000, 4000, 5000, 5000]);
    expect(backoffDelay(1, 1000, 60_000, 30_000)).toBe(30_000);
  });
});
