// A worker in its own process, for the stalled-job test: it takes a job, says so on stdout, and
// then hangs until the test kills it with SIGKILL (so it never completes nor releases the lock).
import { BullmqQueue } from '../../src/queue/bullmq-queue.js';
import { createIncidentStore } from '../../src/store/create-incident-store.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const queue = new BullmqQueue({
  redisUrl: env('REDIS_URL'),
  prefix: env('QUEUE_PREFIX'),
  queueName: env('QUEUE_NAME'),
  stalledIntervalMs: 500,
  lockDurationMs: 1000,
});

const store = await createIncidentStore({ redisUrl: env('REDIS_URL'), prefix: env('STORE_PREFIX') });

await queue.process(async (job) => {
  // Wins the incident with the job id as claim key, then dies before posting.
  const { first } = await store.claim({
    scope: 'acme/widgets',
    fingerprint: 'fp-killed',
    class: 'exec-format-error',
    title: 'exec format error',
    key: job.id,
    occurrence: { at: Date.now(), runId: '1' },
  });
  process.stdout.write(`started ${job.id} first=${String(first)}\n`);
  await new Promise(() => {});
});
process.stdout.write('ready\n');
