import { afterEach, describe, expect, it } from 'vitest';
import type { DeadLetter, Job, JobQueue } from '../../src/queue/job-queue.js';
import { JobError } from '../../src/queue/job-error.js';

export interface Payload {
  n: number;
}

export interface QueueUnderTest {
  queue: JobQueue<Payload>;
  dispose(): Promise<void>;
}

export interface QueueTestOptions {
  attempts: number;
  backoffMs: number;
  onDeadLetter: (dead: DeadLetter) => void;
}

export type QueueFactory = (options: QueueTestOptions) => Promise<QueueUnderTest>;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(20);
  }
}

/** The one behaviour every JobQueue must have (STYLE §7). */
export function describeJobQueueContract(name: string, factory: QueueFactory): void {
  describe(`JobQueue contract: ${name}`, () => {
    let current: QueueUnderTest | undefined;
    const dead: DeadLetter[] = [];

    const make = async (attempts = 3, backoffMs = 100) => {
      dead.length = 0;
      current = await factory({ attempts, backoffMs, onDeadLetter: (d) => dead.push(d) });
      return current.queue;
    };
    afterEach(async () => {
      await current?.dispose();
      current = undefined;
    });

    it('runs an enqueued job with its name, payload and id', async () => {
      const queue = await make();
      const seen: Job<Payload>[] = [];
      await queue.process(async (job) => {
        seen.push(job);
      });
      const id = await queue.enqueue('diagnose', { n: 1 }, { jobId: 'delivery:abc-1' });
      expect(id).toBe('delivery:abc-1');
      await waitFor(() => seen.length === 1);
      expect(seen[0]).toEqual({ id: 'delivery:abc-1', name: 'diagnose', payload: { n: 1 }, attempt: 1, maxAttempts: 3 });
    });

    it('retries a retryable failure with exponential backoff, then succeeds', async () => {
      const queue = await make(4, 150);
      const times: number[] = [];
      const attempts: number[] = [];
      await queue.process(async (job) => {
        times.push(Date.now());
        attempts.push(job.attempt);
        if (job.attempt < 3) throw new JobError('github-5xx', 'GitHub answered 502', { retryable: true });
      });
      await queue.enqueue('diagnose', { n: 2 });
      await waitFor(() => times.length === 3);
      await sleep(50);
      expect(attempts).toEqual([1, 2, 3]);
      const [t0 = 0, t1 = 0, t2 = 0] = times;
      expect(t1 - t0).toBeGreaterThanOrEqual(140);
      expect(t2 - t1).toBeGreaterThanOrEqual(290);
      expect(dead).toEqual([]);
      await waitFor(async () => (await queue.depth()) === 0);
    });

    it.each([
      ['a JobError marked non-retryable', new JobError('repo-gone', 'repository not found', { retryable: false }), 'repo-gone'],
      ['an HTTP 404', Object.assign(new Error('Not Found'), { status: 404 }), 'http-404'],
    ])('does not retry %s, and dead-letters it at once', async (_label, error, code) => {
      const queue = await make();
      let calls = 0;
      await queue.process(async () => {
        calls += 1;
        throw error;
      });
      await queue.enqueue('diagnose', { n: 3 }, { jobId: 'no-retry' });
      await waitFor(() => dead.length === 1);
      await sleep(300);
      expect(calls).toBe(1);
      expect(dead).toEqual([{ jobId: 'no-retry', name: 'diagnose', attempts: 1, reason: 'non-retryable', code, message: error.message }]);
    });

    it('gives up after the attempt bound with one dead letter', async () => {
      const queue = await make(3, 50);
      let calls = 0;
      await queue.process(async () => {
        calls += 1;
        throw Object.assign(new Error('Service Unavailable'), { status: 503 });
      });
      await queue.enqueue('diagnose', { n: 4 }, { jobId: 'always-fails' });
      await waitFor(() => dead.length === 1);
      await sleep(300);
      expect(calls).toBe(3);
      expect(dead).toEqual([
        { jobId: 'always-fails', name: 'diagnose', attempts: 3, reason: 'attempts-exhausted', code: 'http-503', message: 'Service Unavailable' },
      ]);
      await waitFor(async () => (await queue.depth()) === 0);
    });

    it('runs at most `concurrency` jobs at once', async () => {
      const queue = await make();
      let running = 0;
      let peak = 0;
      let done = 0;
      await queue.process(
        async () => {
          running += 1;
          peak = Math.max(peak, running);
          await sleep(150);
          running -= 1;
          done += 1;
        },
        { concurrency: 3 },
      );
      await Promise.all(Array.from({ length: 9 }, (_, n) => queue.enqueue('diagnose', { n })));
      await waitFor(() => done === 9);
      expect(peak).toBe(3);
    });

    it('adds a job once per jobId, while waiting and after it ran', async () => {
      const queue = await make();
      await Promise.all([1, 2, 3].map((n) => queue.enqueue('diagnose', { n }, { jobId: 'same' })));
      expect(await queue.depth()).toBe(1);
      const seen: number[] = [];
      await queue.process(async (job) => {
        seen.push(job.payload.n);
      });
      await waitFor(() => seen.length === 1);
      await queue.enqueue('diagnose', { n: 4 }, { jobId: 'same' });
      await sleep(300);
      expect(seen).toEqual([1]);
    });

    it('counts waiting and delayed jobs in its depth', async () => {
      const queue = await make();
      await queue.enqueue('diagnose', { n: 1 });
      await queue.enqueue('diagnose', { n: 2 }, { delayMs: 60_000 });
      expect(await queue.depth()).toBe(2);
    });

    it('refuses a second process() with a stable code', async () => {
      const queue = await make();
      await queue.process(async () => {});
      await expect(queue.process(async () => {})).rejects.toMatchObject({ code: 'queue-already-processing' });
    });
  });
}
