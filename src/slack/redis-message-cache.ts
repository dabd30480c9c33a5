import type { Redis } from 'ioredis';
import type { ChannelIncident } from '../service/channel-output.js';
import type { MessageCache } from './message-cache.js';

/**
 * The messages in Redis (`<prefix>:slack:msg:<channel>:<ts>`, JSON, expiring with the dedupe window).
 * A Redis failure reads as a miss and a lost write: the button then says to diagnose again.
 */
export function redisMessageCache(redis: Redis, options: { prefix?: string; fallback: MessageCache }): MessageCache {
  const key = (channel: string, ts: string) => `${options.prefix ?? 'goarch'}:slack:msg:${channel}:${ts}`;
  return {
    async get(channel, ts) {
      try {
        const text = await redis.get(key(channel, ts));
        return text === null ? await options.fallback.get(channel, ts) : (JSON.parse(text) as ChannelIncident);
      } catch {
        return options.fallback.get(channel, ts);
      }
    },
    async set(channel, ts, item, ttlMs) {
      await options.fallback.set(channel, ts, item, ttlMs);
      try {
        await redis.set(key(channel, ts), JSON.stringify(item), 'PX', Math.max(1, Math.round(ttlMs)));
      } catch {
        // Kept in this process's memory only.
      }
    },
  };
}
