import type { ChannelIncident } from '../service/channel-output.js';

/**
 * What goarch posted in each Slack message (`<channel>:<ts>` → the incident), so "Show fix commands"
 * can re-render it in place. Memory by default; Redis when REDIS_URL is set, so every replica sees it.
 */
export interface MessageCache {
  get(channel: string, ts: string): Promise<ChannelIncident | null>;
  set(channel: string, ts: string, item: ChannelIncident, ttlMs: number): Promise<void>;
}
