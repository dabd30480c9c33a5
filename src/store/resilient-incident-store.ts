import type { Redis } from 'ioredis';
import type { Clock } from './clock.js';
import type {
  ClaimRequest,
  ClaimResult,
  IncidentPost,
  IncidentRecord,
  IncidentStore,
  IncidentSummary,
  StoreHealth,
} from './incident-store.js';
import type { Logger } from './logger.js';
import type { MemoryIncidentStore } from './memory-incident-store.js';
import { StoreError } from './store-error.js';

export interface ResilientIncidentStoreOptions {
  /** The client behind `primary`: its connection events decide where calls go. */
  redis: Redis;
  primary: IncidentStore;
  /** Answers while Redis is down (this process only: no dedupe across replicas). */
  fallback: MemoryIncidentStore;
  clock: Clock;
  logger: Logger;
  /**
   * After a call failed while the connection stayed up (a timeout), how long to answer from memory
   * before trying Redis again. Default 1000 ms.
   */
  probeIntervalMs?: number;
}

/**
 * Redis when it answers, memory when it does not. Never lets a Redis outage reach the caller:
 * a call that fails for want of Redis is answered by the in-memory store and `health()` says `down`
 * until ioredis has reconnected by itself. Argument errors still throw.
 *
 * Every record read from Redis is mirrored in memory, so during an outage this process still knows
 * the incidents it has seen and where they were posted. After an outage, an incident first claimed and
 * posted in memory keeps its post: a Redis claim that would win is turned into a repeat and the post
 * is written to Redis, so this process does not post twice. Other replicas may (no shared state was
 * reachable), which `dedupe: 'local'` announces.
 */
export class ResilientIncidentStore implements IncidentStore {
  private readonly redis: Redis;
  private readonly primary: IncidentStore;
  private readonly fallback: MemoryIncidentStore;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private state: StoreHealth['state'];
  private since: number;
  private reason: string | undefined;
  private closing = false;
  private readonly probeIntervalMs: number;
  private lastFailureAt = Number.NEGATIVE_INFINITY;
  private readonly listeners: [string, (...args: unknown[]) => void][];

  constructor(options: ResilientIncidentStoreOptions) {
    this.redis = options.redis;
    this.primary = options.primary;
    this.fallback = options.fallback;
    this.clock = options.clock;
    this.logger = options.logger;
    this.probeIntervalMs = options.probeIntervalMs ?? 1000;
    this.state = this.redis.status === 'ready' ? 'up' : 'down';
    this.since = this.clock.now();
    this.listeners = [
      ['ready', () => this.markUp()],
      ['error', (error) => this.noteError(error)],
      ['close', () => this.markDown('connection closed')],
      ['end', () => this.markDown('connection ended')],
    ];
    for (const [event, listener] of this.listeners) this.redis.on(event, listener);
  }

  async claim(request: ClaimRequest): Promise<ClaimResult> {
    const result = await this.attempt('claim', (store) => store.claim(request));
    if (!result.viaRedis) return result.value;
    const local = await this.fallback.get(request.scope, request.fingerprint);
    if (result.value.first && local && local.posts.length > 0 && local.resolvedAt === null) {
      // Posted here while Redis was away (or Redis lost its data): edit that post, do not post again.
      let record = result.value.record;
      for (const post of local.posts) {
        record = (await this.attempt('recordPost', (store) => store.recordPost(request.scope, request.fingerprint, post))).value ?? record;
      }
      this.logger.info({ scope: request.scope, fingerprint: request.fingerprint }, 'incident already posted from memory: repeat edits that post');
      this.fallback.mirror(record);
      return { first: false, record };
    }
    this.fallback.mirror(result.value.record);
    return result.value;
  }

  async recordPost(scope: string, fingerprint: string, post: IncidentPost): Promise<IncidentRecord | null> {
    const result = await this.attempt('recordPost', (store) => store.recordPost(scope, fingerprint, post));
    if (result.viaRedis && result.value) this.fallback.mirror(result.value);
    return result.value;
  }

  async get(scope: string, fingerprint: string): Promise<IncidentRecord | null> {
    const result = await this.attempt('get', (store) => store.get(scope, fingerprint));
    if (!result.viaRedis) return result.value;
    if (result.value === null) return this.fallback.get(scope, fingerprint);
    this.fallback.mirror(result.value);
    return result.value;
  }

  async markResolved(scope: string, fingerprint: string, at: number): Promise<boolean> {
    const local = await this.fallback.markResolved(scope, fingerprint, at);
    if (this.state === 'down') return local;
    return (await this.attempt('markResolved', (store) => store.markResolved(scope, fingerprint, at))).value || local;
  }

  async rememberDelivery(id: string, ttlMs: number): Promise<boolean> {
    const result = await this.attempt('rememberDelivery', (store) => store.rememberDelivery(id, ttlMs));
    // A delivery handled in memory during an outage stays handled once Redis is back.
    if (result.viaRedis && result.value && this.fallback.hasDelivery(id)) return false;
    return result.value;
  }

  async mute(scope: string, fingerprint: string, untilMs: number): Promise<void> {
    await this.fallback.mute(scope, fingerprint, untilMs);
    await this.attempt('mute', (store) => store.mute(scope, fingerprint, untilMs));
  }

  async isMuted(scope: string, fingerprint: string): Promise<boolean> {
    const result = await this.attempt('isMuted', (store) => store.isMuted(scope, fingerprint));
    return result.value || (result.viaRedis && (await this.fallback.isMuted(scope, fingerprint)));
  }

  async topIncidents(sinceMs: number, limit: number): Promise<IncidentSummary[]> {
    return (await this.attempt('topIncidents', (store) => store.topIncidents(sinceMs, limit))).value;
  }

  async ping(): Promise<boolean> {
    const ok = await this.primary.ping();
    if (ok) this.markUp();
    else this.markDown('ping failed');
    return ok;
  }

  health(): StoreHealth {
    const up = this.state === 'up';
    return {
      backend: up ? 'redis' : 'memory',
      state: this.state,
      dedupe: up ? 'shared' : 'local',
      since: this.since,
      ...(up || this.reason === undefined ? {} : { reason: this.reason }),
    };
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    await this.primary.close();
    await this.fallback.close();
    for (const [event, listener] of this.listeners) this.redis.off(event, listener);
    // Late errors from a closing socket must still have a listener.
    this.redis.on('error', () => {});
  }

  private async attempt<T>(operation: string, run: (store: IncidentStore) => Promise<T>): Promise<{ value: T; viaRedis: boolean }> {
    if (this.redis.status === 'ready' && (this.state === 'up' || this.clock.now() - this.lastFailureAt >= this.probeIntervalMs)) {
      try {
        const value = await run(this.primary);
        // A timeout leaves the connection up, so no 'ready' event comes: a call that works is the sign.
        this.markUp();
        return { value, viaRedis: true };
      } catch (error) {
        if (!(error instanceof StoreError) || error.code !== 'store-unavailable') throw error;
        this.lastFailureAt = this.clock.now();
        this.logger.warn({ operation, err: error.message }, 'redis store call failed: answering from memory');
        this.markDown(error.message);
      }
    } else if (this.state === 'up') {
      this.markDown(`redis status ${this.redis.status}`);
    }
    return { value: await run(this.fallback), viaRedis: false };
  }

  private markUp(): void {
    if (this.closing || this.state === 'up' || this.redis.status !== 'ready') return;
    this.state = 'up';
    this.since = this.clock.now();
    this.reason = undefined;
    this.logger.info({ store: 'redis' }, 'redis store connected: incidents are deduplicated across replicas');
  }

  private markDown(reason: string): void {
    if (this.closing) return;
    this.reason = reason;
    if (this.state === 'down') return;
    this.state = 'down';
    this.since = this.clock.now();
    this.logger.warn({ store: 'memory', reason }, 'redis store unavailable: answering from memory, no dedupe across replicas');
  }

  private noteError(error: unknown): void {
    if (this.closing) return;
    const message = error instanceof Error ? error.message : String(error);
    if (this.state === 'down' && this.reason === message) return;
    this.reason = message;
    if (this.state === 'down') this.logger.warn({ err: message }, 'redis store still unreachable');
  }
}
