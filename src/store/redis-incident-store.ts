import type { Redis } from 'ioredis';
import { isFailureClass } from '../core/model/index.js';
import type { Clock } from './clock.js';
import type {
  ClaimRequest,
  ClaimResult,
  IncidentOccurrence,
  IncidentPost,
  IncidentRecord,
  IncidentStore,
  IncidentSummary,
  StoreHealth,
} from './incident-store.js';
import { CLAIM_INCIDENT_LUA } from './claim-incident-lua.js';
import { MARK_RESOLVED_LUA } from './mark-resolved-lua.js';
import { RECORD_POST_LUA } from './record-post-lua.js';
import { RedisScript } from './redis-script.js';
import { STORE_DEFAULTS } from './store-defaults.js';
import { StoreError } from './store-error.js';
import { postSlot } from './post-slot.js';
import { positiveNumber } from './positive-number.js';
import { rankSummaries } from './rank-summaries.js';

export interface RedisIncidentStoreOptions {
  /** An ioredis client. The store does not configure it; see `createIncidentStore` for the options it uses. */
  redis: Redis;
  clock: Clock;
  /** Key namespace: keys are `<prefix>:inc:...`, `<prefix>:delivery:...`. Default `goarch`. Tests use a unique one. */
  prefix?: string;
  maxOccurrences?: number;
  maxTrackedKeys?: number;
  /** Size bound of the stats index. */
  maxIncidents?: number;
  /** Close (QUIT) the client in `close()`. Default true. */
  ownsConnection?: boolean;
}

const claimScript = new RedisScript(CLAIM_INCIDENT_LUA, 4);
const recordPostScript = new RedisScript(RECORD_POST_LUA, 2);
const markResolvedScript = new RedisScript(MARK_RESOLVED_LUA, 1);

/** Incidents to look at when ranking `/goarch stats`. */
const MAX_STATS_SCAN = 1000;
const POST_FIELD = 'post:';

/**
 * The shared store: every replica sees the same claims. Each incident is three keys under one
 * hash tag (record hash, occurrence list, occurrence-key set), a claim is one Lua script, and
 * every key carries a TTL (the window, or the delivery / mute TTL).
 */
export class RedisIncidentStore implements IncidentStore {
  private readonly redis: Redis;
  private readonly clock: Clock;
  private readonly prefix: string;
  private readonly maxOccurrences: number;
  private readonly maxTrackedKeys: number;
  private readonly maxIncidents: number;
  private readonly ownsConnection: boolean;
  private since: number;
  private lastState: StoreHealth['state'];
  private closed = false;

  constructor(options: RedisIncidentStoreOptions) {
    this.redis = options.redis;
    this.clock = options.clock;
    this.prefix = checkPrefix(options.prefix ?? STORE_DEFAULTS.prefix);
    this.maxOccurrences = positiveNumber('maxOccurrences', options.maxOccurrences ?? STORE_DEFAULTS.maxOccurrences);
    this.maxTrackedKeys = positiveNumber('maxTrackedKeys', options.maxTrackedKeys ?? STORE_DEFAULTS.maxTrackedKeys);
    this.maxIncidents = positiveNumber('maxIncidents', options.maxIncidents ?? STORE_DEFAULTS.maxIncidents);
    this.ownsConnection = options.ownsConnection ?? true;
    this.since = this.clock.now();
    this.lastState = this.currentState();
  }

  async claim(request: ClaimRequest): Promise<ClaimResult> {
    this.assertOpen();
    const windowMs = Math.ceil(positiveNumber('windowMs', request.windowMs ?? STORE_DEFAULTS.windowMs));
    const leaseMs = positiveNumber('leaseMs', request.leaseMs ?? STORE_DEFAULTS.leaseMs);
    const now = this.clock.now();
    const keys = this.incidentKeys(request.scope, request.fingerprint);
    const reply = await this.run(
      claimScript,
      [keys.hash, keys.occurrences, keys.claimKeys, this.indexKey()],
      [
        now,
        windowMs,
        leaseMs,
        request.scope,
        request.fingerprint,
        request.class,
        request.title,
        request.occurrence.at,
        JSON.stringify(request.occurrence),
        request.key ?? '',
        this.maxOccurrences,
        this.maxTrackedKeys,
        keys.member,
        this.maxIncidents,
        now + windowMs,
      ],
    );
    if (!Array.isArray(reply) || reply.length !== 3) throw corrupt('claim script returned an unexpected reply');
    const [first, hash, occurrences] = reply as [unknown, unknown, unknown];
    return { first: first === 1, record: parseRecord(hash, occurrences) };
  }

  async recordPost(scope: string, fingerprint: string, post: IncidentPost): Promise<IncidentRecord | null> {
    this.assertOpen();
    const keys = this.incidentKeys(scope, fingerprint);
    const reply = await this.run(recordPostScript, [keys.hash, keys.occurrences], [POST_FIELD + postSlot(post), JSON.stringify(post)]);
    if (reply === null) return null;
    if (!Array.isArray(reply) || reply.length !== 2) throw corrupt('record-post script returned an unexpected reply');
    return parseRecord(reply[0], reply[1]);
  }

  async get(scope: string, fingerprint: string): Promise<IncidentRecord | null> {
    this.assertOpen();
    const keys = this.incidentKeys(scope, fingerprint);
    const results = await this.call(() => this.redis.multi().hgetall(keys.hash).lrange(keys.occurrences, 0, -1).exec());
    if (!results) throw new StoreError('store-unavailable', 'The Redis transaction was aborted.');
    const [[hashError, hash], [listError, list]] = results as [[Error | null, unknown], [Error | null, unknown]];
    if (hashError || listError) throw new StoreError('store-unavailable', 'Redis refused a read.', { cause: hashError ?? listError });
    if (!hash || typeof hash !== 'object' || Object.keys(hash).length === 0) return null;
    return parseRecord(Object.entries(hash as Record<string, string>).flat(), list);
  }

  async markResolved(scope: string, fingerprint: string, at: number): Promise<boolean> {
    this.assertOpen();
    const reply = await this.run(markResolvedScript, [this.incidentKeys(scope, fingerprint).hash], [at]);
    return reply === 1;
  }

  async rememberDelivery(id: string, ttlMs: number): Promise<boolean> {
    this.assertOpen();
    const ttl = Math.ceil(positiveNumber('ttlMs', ttlMs));
    const reply = await this.call(() => this.redis.set(this.key('delivery', encode(id)), '1', 'PX', ttl, 'NX'));
    return reply === 'OK';
  }

  async mute(scope: string, fingerprint: string, untilMs: number): Promise<void> {
    this.assertOpen();
    const key = this.key('mute', encode(scope), encode(fingerprint));
    const ttl = Math.ceil(untilMs - this.clock.now());
    if (ttl <= 0) {
      await this.call(() => this.redis.del(key));
      return;
    }
    await this.call(() => this.redis.set(key, String(untilMs), 'PX', ttl));
  }

  async isMuted(scope: string, fingerprint: string): Promise<boolean> {
    this.assertOpen();
    const until = await this.call(() => this.redis.get(this.key('mute', encode(scope), encode(fingerprint))));
    return until !== null && Number(until) > this.clock.now();
  }

  async topIncidents(sinceMs: number, limit: number): Promise<IncidentSummary[]> {
    this.assertOpen();
    if (limit <= 0) return [];
    const index = this.indexKey();
    const members = await this.call(() => this.redis.zrevrangebyscore(index, '+inf', sinceMs, 'LIMIT', 0, MAX_STATS_SCAN));
    if (members.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const member of members) pipeline.hmget(this.key('inc', member), 'scope', 'fingerprint', 'class', 'title', 'count', 'lastSeen');
    const results = (await this.call(() => pipeline.exec())) ?? [];
    const summaries: IncidentSummary[] = [];
    const gone: string[] = [];
    results.forEach(([error, value], i) => {
      const member = members[i];
      if (error || member === undefined) return;
      const [scope, fingerprint, cls, title, count, lastSeen] = value as (string | null)[];
      if (scope == null || fingerprint == null || cls == null || !isFailureClass(cls)) {
        gone.push(member);
        return;
      }
      const seen = Number(lastSeen);
      if (seen < sinceMs) return;
      summaries.push({ scope, fingerprint, class: cls, title: title ?? '', count: Number(count), lastSeen: seen });
    });
    if (gone.length > 0) await this.call(() => this.redis.zrem(index, ...gone));
    return summaries.sort(rankSummaries).slice(0, limit);
  }

  async ping(): Promise<boolean> {
    if (this.closed) return false;
    try {
      return (await this.redis.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  health(): StoreHealth {
    const state = this.currentState();
    if (state !== this.lastState) {
      this.lastState = state;
      this.since = this.clock.now();
    }
    return { backend: 'redis', state, dedupe: 'shared', since: this.since };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (!this.ownsConnection) return;
    try {
      await this.redis.quit();
    } catch {
      this.redis.disconnect();
    }
  }

  private currentState(): StoreHealth['state'] {
    return this.redis.status === 'ready' ? 'up' : 'down';
  }

  private async run(script: RedisScript, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
    return this.call(() => script.run(this.redis, keys, args));
  }

  /** Every Redis call goes through here: its failure becomes a `StoreError` with a stable code. */
  private async call<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      if (error instanceof StoreError) throw error;
      throw new StoreError('store-unavailable', `Redis call failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }

  private incidentKeys(scope: string, fingerprint: string) {
    // The hash tag keeps one incident's keys in one slot, should a cluster ever be used.
    const member = `{${encode(scope)}:${encode(fingerprint)}}`;
    const hash = this.key('inc', member);
    return { member, hash, occurrences: `${hash}:occ`, claimKeys: `${hash}:keys` };
  }

  private indexKey(): string {
    return this.key('index');
  }

  private key(...parts: string[]): string {
    return [this.prefix, ...parts].join(':');
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreError('store-closed', 'The incident store is closed.');
  }
}

function encode(part: string): string {
  return encodeURIComponent(part);
}

function checkPrefix(prefix: string): string {
  if (!/^[A-Za-z0-9_.:-]+$/.test(prefix) || prefix.endsWith(':')) {
    throw new StoreError('store-invalid-argument', `Redis key prefix must be letters, digits, "_.:-" and not end with ":", got "${prefix}".`);
  }
  return prefix;
}

function corrupt(message: string): StoreError {
  return new StoreError('store-corrupt-record', message);
}

function parseRecord(flatHash: unknown, occurrenceList: unknown): IncidentRecord {
  if (!Array.isArray(flatHash) || !Array.isArray(occurrenceList)) throw corrupt('incident reply is not a list');
  const fields = new Map<string, string>();
  for (let i = 0; i + 1 < flatHash.length; i += 2) fields.set(String(flatHash[i]), String(flatHash[i + 1]));
  const cls = fields.get('class') ?? '';
  if (!isFailureClass(cls)) throw corrupt(`incident has an unknown class "${cls}"`);
  const posts: IncidentPost[] = [];
  for (const [name, value] of fields) {
    if (name.startsWith(POST_FIELD)) posts.push(JSON.parse(value) as IncidentPost);
  }
  posts.sort((a, b) => postSlot(a).localeCompare(postSlot(b)));
  const resolvedAt = fields.get('resolvedAt') ?? '';
  return {
    scope: fields.get('scope') ?? '',
    fingerprint: fields.get('fingerprint') ?? '',
    class: cls,
    title: fields.get('title') ?? '',
    count: Number(fields.get('count') ?? 0),
    firstSeen: Number(fields.get('firstSeen') ?? 0),
    lastSeen: Number(fields.get('lastSeen') ?? 0),
    occurrences: occurrenceList.map((item) => JSON.parse(String(item)) as IncidentOccurrence),
    posts,
    claimedAt: Number(fields.get('claimedAt') ?? 0),
    resolvedAt: resolvedAt === '' ? null : Number(resolvedAt),
    expiresAt: Number(fields.get('expiresAt') ?? 0),
  };
}
