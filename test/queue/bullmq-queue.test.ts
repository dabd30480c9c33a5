import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { BullmqQueue } from '../../src/queue/bullmq-queue.js';
import { createJobQueue } from '../../src/queue/create-job-queue.js';
import { createIncidentStore } from '../../src/store/create-incident-store.js';
import type { DeadLetter, Job } from '../../src/queue/job-queue.js';
import { getTestRedis, type TestRedis } from '../support/redis.js';
import { freePort } from '../support/start-redis-server.js';
import { describeJobQueueContract, waitFor, type Payload } from './job-queue-contract.js';

const redis = await getTestRedis();
let queues = 0;
const uniqueQueueName = () => `q${process.pid}-${++queues}`;

describe.skipIf(redis === null)('BullMQ job queue', () => {
  const r = redis as TestRedis;
  afterAll(async () => {
    await r.stop();
  });

  describeJobQueueContract('bullmq', async (options) => {
    const prefix = r.uniquePrefix();
    const queue = new BullmqQueue<Payload>({ ...options, redisUrl: r.url, prefix, queueName: uniqueQueueName() });
    return {
      queue,
      dispose: async () => {
        await queue.close();
        await r.cleanup(prefix);
      },
    };
  });

  it('finishes a job whose worker was killed mid-job (stalled-job recovery), and it posts once', async () => {
    const prefix = r.uniquePrefix();
    const storePrefix = `${prefix}:store`;
    const store = await createIncidentStore({ redisUrl: r.url, prefix: storePrefix });
    const queueName = uniqueQueueName();
    const producer = new BullmqQueue<Payload>({ redisUrl: r.url, prefix, queueName });
    const child = spawn('npx', ['tsx', 'test/support/bullmq-worker-child.ts'], {
      env: { ...process.env, REDIS_URL: r.url, QUEUE_PREFIX: prefix, QUEUE_NAME: queueName, STORE_PREFIX: storePrefix },
      stdio: ['ignore', 'pipe', 'inherit'],
      // Its own process group: npx -> tsx -> node are killed together, as a crashed host would be.
      detached: true,
    });
    const killGroup = () => {
      try {
        process.kill(-(child.pid as number), 'SIGKILL');
      } catch {
        // already gone
      }
    };
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    let rescuer: BullmqQueue<Payload> | undefined;
    try {
      await producer.enqueue('diagnose', { n: 42 }, { jobId: 'delivery-killed' });
      await waitFor(() => output.includes('started delivery-killed first=true'), 20_000);

      // SIGKILL the worker's whole process group: no cleanup, its lock is simply never renewed.
      killGroup();
      expect(await exited).toBe('SIGKILL');

      const dead: DeadLetter[] = [];
      const seen: Job<Payload>[] = [];
      const posted: string[] = [];
      rescuer = new BullmqQueue<Payload>({ redisUrl: r.url, prefix, queueName, stalledIntervalMs: 500, lockDurationMs: 1000, onDeadLetter: (d) => dead.push(d) });
      await rescuer.process(async (job) => {
        seen.push(job);
        // The same claim key as the killed run: it still owes the post, so it wins again.
        const claim = { scope: 'acme/widgets', fingerprint: 'fp-killed', class: 'exec-format-error' as const, title: 'exec format error' };
        const { first } = await store.claim({ ...claim, key: job.id, occurrence: { at: Date.now(), runId: '1' } });
        if (first) {
          posted.push(job.id);
          await store.recordPost('acme/widgets', 'fp-killed', { kind: 'github-comment', id: 'c-1' });
        }
      });
      await waitFor(() => seen.length === 1, 15_000);
      await waitFor(async () => (await producer.depth()) === 0);
      expect(seen[0]).toMatchObject({ id: 'delivery-killed', payload: { n: 42 } });
      expect(posted).toEqual(['delivery-killed']);
      expect(await store.get('acme/widgets', 'fp-killed')).toMatchObject({ count: 1, posts: [{ kind: 'github-comment', id: 'c-1' }] });
      expect(dead).toEqual([]);
    } finally {
      killGroup();
      await rescuer?.close();
      await producer.close();
      await store.close();
      await r.cleanup(prefix);
    }
  }, 45_000);

  it('bounds what BullMQ keeps of finished jobs', async () => {
    const prefix = r.uniquePrefix();
    const queueName = uniqueQueueName();
    const queue = new BullmqQueue<Payload>({ redisUrl: r.url, prefix, queueName, keepCompleted: 5 });
    try {
      let done = 0;
      await queue.process(async () => {
        done += 1;
      });
      await Promise.all(Array.from({ length: 20 }, (_, n) => queue.enqueue('diagnose', { n })));
      await waitFor(() => done === 20);
      await waitFor(async () => (await r.client.zcard(`${prefix}:${queueName}:completed`)) === 5);
    } finally {
      await queue.close();
      await r.cleanup(prefix);
    }
  });
});

describe('createJobQueue', () => {
  it('runs jobs in-process when Redis cannot be reached, without unhandled rejections', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const port = await freePort();
    const logs: string[] = [];
    const logger = { info: (_o: object, m: string) => logs.push(m), warn: (_o: object, m: string) => logs.push(m), error: (_o: object, m: string) => logs.push(m) };
    const queue = createJobQueue<Payload>({ redisUrl: `redis://127.0.0.1:${port}`, enqueueTimeoutMs: 300, readyTimeoutMs: 300, logger, backoffMs: 10 });
    try {
      const seen: number[] = [];
      await queue.process(async (job) => {
        seen.push(job.payload.n);
      });
      await queue.enqueue('diagnose', { n: 7 }, { jobId: 'd-1' });
      await waitFor(() => seen.length === 1);
      expect(seen).toEqual([7]);
      expect(logs).toContain('job queue redis unavailable: running jobs in-process');
      expect(await queue.depth()).toBe(0);
    } finally {
      await queue.close();
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
  });

  it('is in-process without a Redis URL', async () => {
    const queue = createJobQueue<Payload>({});
    const seen: number[] = [];
    await queue.process(async (job) => {
      seen.push(job.payload.n);
    });
    await queue.enqueue('diagnose', { n: 1 });
    await waitFor(() => seen.length === 1);
    await queue.close();
  });
});
