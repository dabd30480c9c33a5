import { Redis } from 'ioredis';
import type { Clock } from './clock.js';
import type { IncidentStore } from './incident-store.js';
import type { Logger } from './logger.js';
import { MemoryIncidentStore } from './memory-incident-store.js';
import { RedisIncidentStore } from './redis-incident-store.js';
import { ResilientIncidentStore } from './resilient-incident-store.js';
import { silentLogger } from './silent-logger.js';
import { StoreError } from './store-error.js';
import { systemClock } from './system-clock.js';

export interface IncidentStoreOptions {
  /** `redis://` or `rediss://` URL. Without it the store is in memory (one process). */
  redisUrl?: string | null | undefined;
  clock?: Clock;
  logger?: Logger;
  /** Redis key namespace. Default `goarch`. */
  prefix?: string;
  /** How long `createIncidentStore` waits for the first connection before starting in memory. Default 2000 ms. */
  connectTimeoutMs?: number;
  /** A Redis call slower than this counts as Redis being down. Default 2000 ms. */
  commandTimeoutMs?: number;
  /** Longest pause between reconnection attempts. Default 5000 ms. */
  maxReconnectDelayMs?: number;
  /** After a timed-out call, how long to answer from memory before trying Redis again. Default 1000 ms. */
  probeIntervalMs?: number;
  maxOccurrences?: number;
  maxTrackedKeys?: number;
  maxIncidents?: number;
  maxDeliveries?: number;
}

/**
 * Memory without `redisUrl`; otherwise Redis behind a memory fallback. Resolves once Redis is ready
 * or `connectTimeoutMs` has passed (then it starts `down` and ioredis keeps reconnecting). Never rejects
 * because Redis is unreachable; rejects on a malformed URL or option.
 */
export async function createIncidentStore(options: IncidentStoreOptions = {}): Promise<IncidentStore> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const limits = {
    ...(options.maxOccurrences === undefined ? {} : { maxOccurrences: options.maxOccurrences }),
    ...(options.maxTrackedKeys === undefined ? {} : { maxTrackedKeys: options.maxTrackedKeys }),
    ...(options.maxIncidents === undefined ? {} : { maxIncidents: options.maxIncidents }),
  };
  const memory = new MemoryIncidentStore({
    clock,
    ...limits,
    ...(options.maxDeliveries === undefined ? {} : { maxDeliveries: options.maxDeliveries }),
  });
  if (options.redisUrl === undefined || options.redisUrl === null || options.redisUrl === '') {
    logger.info({ store: 'memory' }, 'incident store in memory: no REDIS_URL, no dedupe across replicas');
    return memory;
  }
  checkUrl(options.redisUrl);

  const maxDelay = options.maxReconnectDelayMs ?? 5000;
  const redis = new Redis(options.redisUrl, {
    lazyConnect: true,
    // Fail fast while disconnected: the resilient store answers from memory instead of waiting.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: options.commandTimeoutMs ?? 2000,
    connectTimeout: options.connectTimeoutMs ?? 2000,
    retryStrategy: (times: number) => Math.min(100 * 2 ** Math.min(times, 10), maxDelay),
    connectionName: 'goarch-store',
  });
  const store = new ResilientIncidentStore({
    redis,
    primary: new RedisIncidentStore({ redis, clock, ...limits, ...(options.prefix === undefined ? {} : { prefix: options.prefix }) }),
    fallback: memory,
    clock,
    logger,
    ...(options.probeIntervalMs === undefined ? {} : { probeIntervalMs: options.probeIntervalMs }),
  });
  const ready = await waitForReady(redis, options.connectTimeoutMs ?? 2000);
  if (!ready) {
    logger.warn({ store: 'memory', reason: store.health().reason ?? 'timeout' }, 'redis unreachable at start: answering from memory until it connects');
  }
  return store;
}

function checkUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    throw new StoreError('store-invalid-argument', 'REDIS_URL is not a URL.', { cause: error });
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new StoreError('store-invalid-argument', `REDIS_URL must start with redis:// or rediss://, got ${parsed.protocol}//.`);
  }
}

function waitForReady(redis: Redis, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (ready: boolean) => {
      clearTimeout(timer);
      redis.off('ready', onReady);
      resolve(ready);
    };
    const onReady = () => done(true);
    const timer = setTimeout(() => done(false), timeoutMs);
    redis.once('ready', onReady);
    // connect() rejects when the first attempt fails; ioredis goes on retrying on its own.
    redis.connect().catch(() => {});
  });
}
