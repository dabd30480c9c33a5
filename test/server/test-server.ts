import { createHmac, generateKeyPairSync } from 'node:crypto';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import { startServer } from '../../src/bin/start-server.js';
import type { RunningServer } from '../../src/bin/start-server.js';
import type { Env } from '../../src/config/read-env.js';

/** A throwaway RSA key for APP_ID=1 (never leaves the test). */
export const TEST_PRIVATE_KEY = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
export const TEST_WEBHOOK_SECRET = 'test-webhook-secret-5f3a';
export const GITHUB_ENV: Env = { APP_ID: '1', PRIVATE_KEY: TEST_PRIVATE_KEY, WEBHOOK_SECRET: TEST_WEBHOOK_SECRET };

export interface TestServer {
  url: string;
  running: RunningServer;
  /** Every JSON log line written so far. */
  logs: Record<string, unknown>[];
  close: () => Promise<string[]>;
}

/** Starts the real server in this process on a free loopback port, with its log lines captured. */
export async function startTestServer(env: Env): Promise<TestServer> {
  const logs: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') logs.push(JSON.parse(line) as Record<string, unknown>);
      callback();
    },
  });
  const running = await startServer({ env: { LOG_LEVEL: 'debug', ...env }, port: 0, host: '127.0.0.1', logDestination: destination });
  return { url: `http://127.0.0.1:${running.port}`, running, logs, close: running.close };
}

/** `sha256=<hex>` as GitHub signs a delivery. */
export function signGithub(body: string, secret = TEST_WEBHOOK_SECRET): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** An example payload from @octokit/webhooks-examples, e.g. example('workflow_run', 'completed'). */
export function webhookExample(event: string, action: string): Record<string, unknown> {
  const require = createRequire(import.meta.url);
  const all = require('@octokit/webhooks-examples') as { name: string; examples: Record<string, unknown>[] }[];
  const found = all.find((entry) => entry.name === event)?.examples.find((payload) => payload.action === action);
  if (found === undefined) throw new Error(`no example for ${event}.${action}`);
  return found;
}

/** A port nothing listens on (bound then released). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
