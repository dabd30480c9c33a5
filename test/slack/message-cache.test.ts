import { afterAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import type { ChannelIncident } from '../../src/service/channel-output.js';
import { memoryMessageCache } from '../../src/slack/memory-message-cache.js';
import { redisMessageCache } from '../../src/slack/redis-message-cache.js';
import { buildIncident } from '../support/incident-builder.js';
import { getTestRedis } from '../support/redis.js';
import type { TestRedis } from '../support/redis.js';

const redis = await getTestRedis();
afterAll(async () => redis?.stop());

const item: ChannelIncident = { incident: buildIncident({ class: 'exec-format-error' }), scope: 'slack:C1', count: 2, link: null, run: null, truncatedAt: null };

describe('message caches', () => {
  it('memory: returns a copy until the TTL, and drops the oldest past its size', async () => {
    let now = 1000;
    const cache = memoryMessageCache({ now: () => now, maxEntries: 2 });
    await cache.set('C1', '1.1', item, 500);
    expect(await cache.get('C1', '1.1')).toEqual(item);
    expect(await cache.get('C1', '1.1')).not.toBe(item);
    now += 500;
    expect(await cache.get('C1', '1.1')).toBeNull();
    await cache.set('C1', '1', item, 10_000);
    await cache.set('C1', '2', item, 10_000);
    await cache.set('C1', '3', item, 10_000);
    expect([await cache.get('C1', '1'), await cache.get('C1', '2'), await cache.get('C1', '3')].map((v) => v !== null)).toEqual([false, true, true]);
  });

  it.skipIf(redis === null)('redis: shared across processes with a TTL, memory when Redis fails', async () => {
    const r = redis as TestRedis;
    const prefix = r.uniquePrefix();
    const a = new Redis(r.url);
    const b = new Redis(r.url);
    try {
      const writer = redisMessageCache(a, { prefix, fallback: memoryMessageCache({ now: Date.now }) });
      const reader = redisMessageCache(b, { prefix, fallback: memoryMessageCache({ now: Date.now }) });
      await writer.set('C1', '1700000000.000001', item, 60_000);
      expect(await reader.get('C1', '1700000000.000001')).toEqual(item);
      const ttl = await r.client.pttl(`${prefix}:slack:msg:C1:1700000000.000001`);
      expect(ttl).toBeGreaterThan(50_000);
      expect(ttl).toBeLessThanOrEqual(60_000);
      a.disconnect();
      // Redis gone for the writer: it still answers from its own memory.
      expect(await writer.get('C1', '1700000000.000001')).toEqual(item);
    } finally {
      a.disconnect();
      b.disconnect();
      await r.cleanup(prefix);
    }
  });
});
