// One goarch process for the multi-process tests and the webhook benchmark: `npm start` (server:
// HTTP, webhooks and workers) or `npm run worker` (worker only), through the same composition roots
// and the same process wrapper (runProcess: signals, uncaught errors, unhandled rejections logged),
// with test seams the real entry points do not have:
//   GOARCH_CHILD_MODE      server (default) | worker
//   GOARCH_CHILD_PREFIX    Redis key prefix of the store and the queue (each test its own)
//   GOARCH_CHILD_STALLED_MS / GOARCH_CHILD_LOCK_MS   BullMQ stalled-job recovery, shortened
//   GOARCH_CHILD_THROTTLE  on: Probot's Octokit as in production (writes spaced 1 s apart per
//                          installation); otherwise retries after 20 ms and no write spacing
// Every other variable is the service's own (REDIS_URL, GHE_HOST, APP_ID...). Logs are JSON on stdout.
import { ProbotOctokit } from 'probot';
import { runProcess } from '../../src/bin/run-process.js';
import { startServer } from '../../src/bin/start-server.js';
import { startWorker } from '../../src/bin/start-worker.js';
import type { WorkOverrides } from '../../src/bin/create-work.js';
import { TestOctokit } from '../github/github-test-kit.js';

const env = process.env;
const number = (name: string): number | undefined => (env[name] === undefined || env[name] === '' ? undefined : Number(env[name]));
const stalled = number('GOARCH_CHILD_STALLED_MS');
const lock = number('GOARCH_CHILD_LOCK_MS');
const overrides: WorkOverrides = {
  githubOctokit: env.GOARCH_CHILD_THROTTLE === 'on' ? ProbotOctokit : TestOctokit,
  queueBackoffMs: 50,
  ...(env.GOARCH_CHILD_PREFIX ? { redisPrefix: env.GOARCH_CHILD_PREFIX } : {}),
  ...(stalled === undefined ? {} : { queueStalledIntervalMs: stalled }),
  ...(lock === undefined ? {} : { queueLockDurationMs: lock }),
};

await runProcess(async () => {
  if (env.GOARCH_CHILD_MODE === 'worker') return startWorker({ env, ...overrides });
  const running = await startServer({ env, port: number('PORT') ?? 0, host: '127.0.0.1', ...overrides });
  return { logger: running.context.logger, close: running.close };
});
