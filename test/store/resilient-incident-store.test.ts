import { spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createIncidentStore } from '../../src/store/create-incident-store.js';
import type { IncidentStore } from '../../src/store/incident-store.js';
import type { Logger } from '../../src/store/logger.js';
import { systemClock } from '../../src/store/system-clock.js';
import { freePort, startRedisServer, type RedisServer } from '../support/start-redis-server.js';

const hasRedisServer = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
if (!hasRedisServer) {
  if (process.env['REQUIRE_REDIS'] === '1') throw new Error('REQUIRE_REDIS=1 but no redis-server binary: the restart tests cannot run.');
  console.warn('\n*** Redis restart tests SKIPPED: no redis-server binary on PATH (they start and kill their own). ***\n');
}

interface LogLine {
  level: 'info' | 'warn' | 'error';
  msg: string;
  obj: object;
}

function captureLogger(lines: LogLine[]): Logger {
  return {
    info: (obj, msg) => lines.push({ level: 'info', obj, msg }),
    warn: (obj, msg) => lines.push({ level: 'warn', obj, msg }),
    error: (obj, msg) => lines.push({ level: 'error', obj, msg }),
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(50);
  }
}

const claimOf = (fingerprint: string, key: string) => ({
  scope: 'acme/widgets',
  fingerprint,
  class: 'exec-format-error' as const,
  title: 'exec format error',
  key,
  occurrence: { at: systemClock.now(), runId: key },
});

describe.skipIf(!hasRedisServer)('Redis outages behind createIncidentStore', () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  let server: RedisServer | undefined;
  let store: IncidentStore | undefined;
  const logs: LogLine[] = [];

  beforeEach(() => {
    unhandled.length = 0;
    logs.length = 0;
    process.on('unhandledRejection', onUnhandled);
  });
  afterEach(async () => {
    await store?.close();
    await server?.dispose();
    store = undefined;
    server = undefined;
    process.off('unhandledRejection', onUnhandled);
  });

  const options = (url: string) => ({
    redisUrl: url,
    prefix: 'goarch-test:restart',
    logger: captureLogger(logs),
    connectTimeoutMs: 500,
    commandTimeoutMs: 500,
    maxReconnectDelayMs: 100,
  });

  it('survives a Redis crash and restart mid-use, and posts nothing twice afterwards', async () => {
    server = await startRedisServer({ persist: true });
    store = await createIncidentStore(options(server.url));
    const s = store;
    expect(s.health()).toMatchObject({ backend: 'redis', state: 'up', dedupe: 'shared' });

    // Before the crash: incident A is claimed and posted in Redis.
    expect((await s.claim(claimOf('A', 'job-1'))).first).toBe(true);
    await s.recordPost('acme/widgets', 'A', { kind: 'github-comment', id: 'comment-A' });
    expect(await s.rememberDelivery('delivery-1', 60_000)).toBe(true);

    // Claims keep being made while Redis is killed under them.
    const load = (async () => {
      const results: boolean[] = [];
      for (let i = 0; i < 40; i++) {
        results.push((await s.claim(claimOf('A', `load-${i}`))).first);
        await sleep(10);
      }
      return results;
    })();
    await sleep(50);
    await server.stop('SIGKILL');
    await until(() => s.health().state === 'down');
    expect(s.health()).toMatchObject({ backend: 'memory', state: 'down', dedupe: 'local' });

    // During the outage: answered from memory. B is new, claimed and posted here.
    expect((await s.claim(claimOf('B', 'job-2'))).first).toBe(true);
    await s.recordPost('acme/widgets', 'B', { kind: 'github-comment', id: 'comment-B' });
    expect(await s.rememberDelivery('delivery-2', 60_000)).toBe(true);
    expect(await s.rememberDelivery('delivery-2', 60_000)).toBe(false);
    expect(await s.ping()).toBe(false);

    // Redis comes back (its append-only file kept A); ioredis reconnects by itself.
    await server.start();
    await until(() => s.health().state === 'up');
    // A was mirrored in memory: no claim during the outage won it again.
    expect(await load).not.toContain(true);

    const a = await s.claim(claimOf('A', 'job-3'));
    expect(a.first).toBe(false);
    expect(a.record.posts).toEqual([{ kind: 'github-comment', id: 'comment-A' }]);
    const b = await s.claim(claimOf('B', 'job-4'));
    expect(b.first).toBe(false);
    expect(b.record.posts).toEqual([{ kind: 'github-comment', id: 'comment-B' }]);
    expect((await s.get('acme/widgets', 'B'))?.posts).toEqual([{ kind: 'github-comment', id: 'comment-B' }]);
    expect(await s.rememberDelivery('delivery-1', 60_000)).toBe(false);
    expect(await s.rememberDelivery('delivery-2', 60_000)).toBe(false);

    expect(unhandled).toEqual([]);
    expect(logs.some((l) => l.level === 'warn' && l.msg.startsWith('redis store unavailable'))).toBe(true);
    expect(logs.some((l) => l.level === 'info' && l.msg.startsWith('redis store connected'))).toBe(true);
  });

  it('starts in memory when Redis is down at start, then moves to Redis once it is up', async () => {
    const port = await freePort();
    const started = Date.now();
    store = await createIncidentStore(options(`redis://127.0.0.1:${port}`));
    const s = store;
    expect(Date.now() - started).toBeLessThan(3000);
    expect(s.health()).toMatchObject({ backend: 'memory', state: 'down', dedupe: 'local' });
    expect(logs.some((l) => l.level === 'warn' && l.msg.startsWith('redis unreachable at start'))).toBe(true);

    expect((await s.claim(claimOf('C', 'job-1'))).first).toBe(true);
    expect(await s.rememberDelivery('delivery-x', 60_000)).toBe(true);

    server = await startRedisServer({ port });
    await until(() => s.health().state === 'up');
    expect(await s.ping()).toBe(true);
    expect((await s.claim(claimOf('D', 'job-2'))).first).toBe(true);
    expect((await s.get('acme/widgets', 'D'))?.count).toBe(1);
    expect(await s.rememberDelivery('delivery-x', 60_000)).toBe(false);
    expect(unhandled).toEqual([]);
  });

  it('answers from memory while Redis is too slow, and goes back to Redis once it answers', async () => {
    server = await startRedisServer();
    store = await createIncidentStore({ ...options(server.url), commandTimeoutMs: 200, probeIntervalMs: 300 });
    const s = store;
    const { Redis } = await import('ioredis');
    const admin = new Redis(server.url);
    try {
      expect((await s.claim(claimOf('E', 'job-1'))).first).toBe(true);
      // Every client's commands wait 1.5 s: the store's calls time out but its connection stays up.
      await admin.call('CLIENT', 'PAUSE', '1500', 'ALL');
      const slow = await s.claim(claimOf('E', 'job-2'));
      expect(slow.first).toBe(false);
      expect(s.health()).toMatchObject({ backend: 'memory', state: 'down' });
      await sleep(1600);
      await until(async () => {
        await s.claim(claimOf('F', `probe-${Date.now()}`));
        return s.health().state === 'up';
      });
      const back = await s.claim(claimOf('E', 'job-3'));
      expect(back.first).toBe(false);
      expect(s.health()).toMatchObject({ backend: 'redis', state: 'up' });
      expect(unhandled).toEqual([]);
    } finally {
      admin.disconnect();
    }
  });

  it('runs in memory without a Redis URL and says so', async () => {
    store = await createIncidentStore({ logger: captureLogger(logs) });
    expect(store.health()).toMatchObject({ backend: 'memory', state: 'up', dedupe: 'local' });
    expect(logs.map((l) => l.msg)).toEqual(['incident store in memory: no REDIS_URL, no dedupe across replicas']);
  });

  it('refuses a URL that is not redis://', async () => {
    await expect(createIncidentStore({ redisUrl: 'http://localhost:6379' })).rejects.toMatchObject({ code: 'store-invalid-argument' });
  });
});
