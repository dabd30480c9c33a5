import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Closer } from '../runtime/closer-registry.js';
import type { DependencyStatus } from '../runtime/readiness-registry.js';

export interface RedisConnection {
  /** The shared client. Blocking users (BullMQ workers) take their own with `client.duplicate(...)`. */
  client: Redis;
  /** For `/readyz`: ok when connected and answering PING. */
  check: () => Promise<DependencyStatus>;
  /** Quits when connected, else stops reconnecting at once. */
  close: Closer;
}

/**
 * The process's one Redis connection. It reconnects by itself forever (capped backoff), logs a
 * state change once instead of every retry, and never throws at construction: Redis being down at
 * start is a state `/readyz` reports, not a crash.
 */
export function createRedisConnection(url: string, logger: Logger): RedisConnection {
  const log = logger.child({ component: 'redis' });
  const client = new Redis(url, {
    lazyConnect: false,
    connectTimeout: 2000,
    maxRetriesPerRequest: 2,
    retryStrategy: (attempt) => Math.min(attempt * 250, 5000),
  });
  let healthy: boolean | null = null;
  client.on('ready', () => {
    if (healthy !== true) log.info({}, 'redis connected');
    healthy = true;
  });
  client.on('error', (error: Error) => {
    if (healthy !== false) log.warn({ err: { message: error.message, code: (error as NodeJS.ErrnoException).code } }, 'redis unavailable, retrying');
    healthy = false;
  });
  return {
    client,
    async check() {
      if (client.status !== 'ready') return 'down';
      try {
        return (await client.ping()) === 'PONG' ? 'ok' : 'down';
      } catch {
        return 'down';
      }
    },
    async close() {
      if (client.status === 'ready') {
        try {
          await client.quit();
          return;
        } catch {
          // fall through to a hard disconnect
        }
      }
      client.disconnect(false);
    },
  };
}
