import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { startRedisServer, type RedisServer } from './start-redis-server.js';

export interface TestRedis {
  /** URL of the server every test in this file shares. */
  url: string;
  /** A key prefix no other test uses (`goarch-test:<pid>:<random>`). */
  uniquePrefix(): string;
  /** A plain client for assertions (KEYS, PTTL...). Closed by `stop`. */
  client: Redis;
  /** Every key under `prefix`. */
  keys(prefix: string): Promise<string[]>;
  /** Delete every key under `prefix`. */
  cleanup(prefix: string): Promise<void>;
  /** Close the client and stop the server if this helper started it. */
  stop(): Promise<void>;
}

/**
 * The Redis the Redis-backed suites run against:
 * 1. `REDIS_URL` when set;
 * 2. else a throwaway `redis-server` on a free port when the binary exists;
 * 3. else null, after a loud warning, so the suite skips; with `REQUIRE_REDIS=1` it throws instead (CI).
 */
export async function getTestRedis(): Promise<TestRedis | null> {
  let url = process.env['REDIS_URL'];
  let server: RedisServer | undefined;
  if (!url) {
    const probe = spawnSync('redis-server', ['--version'], { stdio: 'ignore' });
    if (probe.error || probe.status !== 0) {
      const reason = 'Redis tests SKIPPED: REDIS_URL is not set and no redis-server binary is on PATH (apt-get install redis-server).';
      if (process.env['REQUIRE_REDIS'] === '1') throw new Error(`${reason} REQUIRE_REDIS=1 forbids skipping.`);
      console.warn(`\n*** ${reason} ***\n`);
      return null;
    }
    server = await startRedisServer();
    url = server.url;
  }
  const client = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true });
  client.on('error', () => {});
  await client.connect();

  const keys = async (prefix: string): Promise<string[]> => {
    const found: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      found.push(...batch);
      cursor = next;
    } while (cursor !== '0');
    return found;
  };

  return {
    url,
    client,
    uniquePrefix: () => `goarch-test:${process.pid}:${randomUUID().slice(0, 8)}`,
    keys,
    async cleanup(prefix) {
      const found = await keys(prefix);
      if (found.length > 0) await client.del(...found);
    },
    async stop() {
      client.disconnect();
      await server?.dispose();
    },
  };
}
