import type { ChannelIncident } from '../service/channel-output.js';
import type { MessageCache } from './message-cache.js';

/** The messages of this process, the oldest dropped past `maxEntries`. */
export function memoryMessageCache(options: { now: () => number; maxEntries?: number }): MessageCache {
  const max = options.maxEntries ?? 2000;
  const entries = new Map<string, { item: ChannelIncident; until: number }>();
  return {
    async get(channel, ts) {
      const key = `${channel}:${ts}`;
      const entry = entries.get(key);
      if (entry === undefined) return null;
      if (entry.until <= options.now()) {
        entries.delete(key);
        return null;
      }
      return structuredClone(entry.item);
    },
    async set(channel, ts, item, ttlMs) {
      const key = `${channel}:${ts}`;
      entries.delete(key);
      entries.set(key, { item: structuredClone(item), until: options.now() + ttlMs });
      while (entries.size > max) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
    },
  };
}
