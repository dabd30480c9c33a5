import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { RedisIncidentStore } from '../../src/store/redis-incident-store.js';
import { createIncidentStore } from '../../src/store/create-incident-store.js';
import { systemClock } from '../../src/store/system-clock.js';
import { getTestRedis, type TestRedis } from '../support/redis.js';
import { describeIncidentStoreContract } from './incident-store-contract.js';

const redis = await getTestRedis();
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe.skipIf(redis === null)('Redis incident store', () => {
  const r = redis as TestRedis;
  afterAll(async () => {
    await r.stop();
  });

  describeIncidentStoreContract('redis', async () => {
    const prefix = r.uniquePrefix();
    const client = new Redis(r.url, { lazyConnect: true });
    await client.connect();
    const store = new RedisIncidentStore({ redis: client, clock: systemClock, prefix });
    return {
      store,
      clock: systemClock,
      advance: sleep,
      dispose: async () => {
        await store.close();
        await r.cleanup(prefix);
      },
    };
  });

  describeIncidentStoreContract('redis behind the resilient store (createIncidentStore)', async () => {
    const prefix = r.uniquePrefix();
    const store = await createIncidentStore({ redisUrl: r.url, prefix });
    return {
      store,
      clock: systemClock,
      advance: sleep,
      dispose: async () => {
        await store.close();
        await r.cleanup(prefix);
      },
    };
  });

  describe('keys', () => {
    let prefix: string;
    let store: RedisIncidentStore;
    beforeAll(async () => {
      prefix = r.uniquePrefix();
      const client = new Redis(r.url, { lazyConnect: true });
      await client.connect();
      store = new RedisIncidentStore({ redis: client, clock: systemClock, prefix });
    });
    afterAll(async () => {
      await store.close();
      await r.cleanup(prefix);
    });

    it('puts a TTL on every key it writes, all under its prefix', async () => {
      const at = systemClock.now();
      for (let i = 0; i < 5; i++) {
        await store.claim({ scope: 'acme/w', fingerprint: `fp${i % 2}`, class: 'cgo-disabled', title: 't', key: `k${i}`, occurrence: { at, runId: String(i) } });
      }
      await store.recordPost('acme/w', 'fp0', { kind: 'github-comment', id: '1' });
      await store.markResolved('acme/w', 'fp1', at);
      await store.claim({ scope: 'acme/w', fingerprint: 'fp1', class: 'cgo-disabled', title: 't', occurrence: { at } });
      await store.rememberDelivery('delivery-1', 60_000);
      await store.mute('acme/w', 'fp0', at + 60_000);
      await store.topIncidents(0, 10);

      const keys = await r.keys(prefix);
      expect(keys.length).toBeGreaterThanOrEqual(7);
      for (const key of keys) {
        expect(key.startsWith(`${prefix}:`)).toBe(true);
        const ttl = await r.client.pttl(key);
        expect({ key, ttl: ttl > 0 }).toEqual({ key, ttl: true });
      }
    });

    it('does not recreate an expired record when a post is recorded late', async () => {
      const at = systemClock.now();
      await store.claim({ scope: 'acme/w', fingerprint: 'short', class: 'cgo-disabled', title: 't', windowMs: 100, occurrence: { at } });
      await sleep(200);
      expect(await store.recordPost('acme/w', 'short', { kind: 'slack', id: '1', channel: 'C' })).toBeNull();
      expect((await r.keys(prefix)).filter((k) => k.includes('short'))).toEqual([]);
    });

    it('rejects a prefix that would break the namespace', () => {
      expect(() => new RedisIncidentStore({ redis: r.client, clock: systemClock, prefix: 'bad prefix' })).toThrow(/prefix/);
    });
  });
});
