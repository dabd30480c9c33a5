import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { spawnEntry } from './spawn-entry.js';
import { freePort, GITHUB_ENV, signGithub } from './test-server.js';

/** Fails the test if the process has not exited within `ms`. */
async function exitWithin(exited: Promise<number | string>, ms: number): Promise<number | string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`process still running after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

describe('npm start as a process', () => {
  it('answers /healthz with no credentials, then exits 0 on SIGTERM within the bound', async () => {
    const port = await freePort();
    const proc = spawnEntry('server', { PORT: String(port), SHUTDOWN_TIMEOUT_MS: '3000' });
    await proc.waitFor('server listening');
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(res.status).toBe(200);
    proc.child.kill('SIGTERM');
    expect(await exitWithin(proc.exited, 5000)).toBe(0);
    expect(proc.stdout()).toContain('"msg":"shutdown finished"');
    expect(proc.stderr()).toBe('');
  });

  it('finishes an in-flight webhook before exiting 0 on SIGTERM', async () => {
    const port = await freePort();
    const proc = spawnEntry('server', { ...(GITHUB_ENV as Record<string, string>), PORT: String(port), SHUTDOWN_TIMEOUT_MS: '5000' });
    await proc.waitFor('server listening');
    const body = JSON.stringify({ action: 'completed', workflow_run: { id: 1 }, repository: { full_name: 'o/r' } });
    const response = new Promise<number>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, method: 'POST', path: '/api/github/webhooks', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-github-event': 'workflow_run', 'x-github-delivery': 'inflight-1', 'x-hub-signature-256': signGithub(body) } },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      // Half the body now, SIGTERM, the rest after: the request is in flight during shutdown.
      req.write(body.slice(0, 10));
      setTimeout(() => {
        proc.child.kill('SIGTERM');
        setTimeout(() => req.end(body.slice(10)), 300);
      }, 100);
    });
    expect(await response).toBe(200);
    expect(await exitWithin(proc.exited, 7000)).toBe(0);
    expect(proc.stdout()).toContain('"unfinished":[]');
  });

  it('exits 0 by SHUTDOWN_TIMEOUT_MS even when a request never finishes', async () => {
    const port = await freePort();
    const proc = spawnEntry('server', { ...(GITHUB_ENV as Record<string, string>), PORT: String(port), SHUTDOWN_TIMEOUT_MS: '500' });
    await proc.waitFor('server listening');
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/api/github/webhooks', headers: { 'content-type': 'application/json', 'content-length': 1000, 'x-github-event': 'ping', 'x-github-delivery': 'stuck-1', 'x-hub-signature-256': 'sha256=00' } });
    req.on('error', () => undefined);
    req.write('{');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    proc.child.kill('SIGTERM');
    expect(await exitWithin(proc.exited, 3000)).toBe(0);
    expect(Date.now() - started).toBeLessThan(2500);
    // Past the deadline, the closers still to run (job queue, incident store) are started and reported unfinished too.
    expect(proc.stdout()).toContain('"unfinished":["http-requests"');
    req.destroy();
  });

  it('prints one clear line per bad variable and exits 1 without a stack trace', async () => {
    const proc = spawnEntry('server', { PORT: 'abc', LOG_LEVEL: 'loud' });
    expect(await exitWithin(proc.exited, 10_000)).toBe(1);
    expect(proc.stderr()).toBe('config: PORT must be an integer 1-65535 (got "abc")\nconfig: LOG_LEVEL must be one of trace, debug, info, warn, error, fatal, silent (got "loud")\n');
    expect(proc.stdout()).toBe('');
  });

  it('names the missing half of partial GitHub credentials', async () => {
    const proc = spawnEntry('server', { APP_ID: '12' });
    expect(await exitWithin(proc.exited, 10_000)).toBe(1);
    expect(proc.stderr()).toContain('config: PRIVATE_KEY or PRIVATE_KEY_PATH is missing');
    expect(proc.stderr()).not.toMatch(/\n\s+at /);
  });

  it('says so and exits 1 when the port is taken', async () => {
    const first = spawnEntry('server', { PORT: String(await freePort()) });
    await first.waitFor('server listening');
    const port = /"port":(\d+)/.exec(first.stdout())?.[1] ?? '';
    const second = spawnEntry('server', { PORT: port });
    expect(await exitWithin(second.exited, 10_000)).toBe(1);
    expect(second.stderr()).toContain('goarch: cannot start: the port is already in use');
    first.child.kill('SIGTERM');
    expect(await exitWithin(first.exited, 5000)).toBe(0);
  });
});

describe('npm run worker as a process', () => {
  it('refuses to start without REDIS_URL, in one line', async () => {
    const proc = spawnEntry('worker', {});
    expect(await exitWithin(proc.exited, 10_000)).toBe(1);
    expect(proc.stderr()).toMatch(/^config: REDIS_URL is not set; .*no separate worker is needed\n$/);
  });

  it('starts with REDIS_URL and exits 0 on SIGTERM', async () => {
    const proc = spawnEntry('worker', { REDIS_URL: `redis://127.0.0.1:${await freePort()}`, SHUTDOWN_TIMEOUT_MS: '2000' });
    await proc.waitFor('worker started');
    proc.child.kill('SIGTERM');
    expect(await exitWithin(proc.exited, 4000)).toBe(0);
  });
});
