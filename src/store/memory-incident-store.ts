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
import { StoreError } from './store-error.js';
import { STORE_DEFAULTS } from './store-defaults.js';
import { postSlot } from './post-slot.js';
import { rankSummaries } from './rank-summaries.js';
import { positiveNumber as positive } from './positive-number.js';

export interface MemoryIncidentStoreOptions {
  clock: Clock;
  /** Occurrences kept per incident (newest first). Default 20. */
  maxOccurrences?: number;
  /** Occurrence keys remembered per incident for idempotent claims. Default 1000. */
  maxTrackedKeys?: number;
  /** Incidents kept at most; the oldest are dropped first. Default 10 000. */
  maxIncidents?: number;
  /** Delivery ids kept at most; the oldest are dropped first. Default 100 000. */
  maxDeliveries?: number;
}

interface Entry {
  record: IncidentRecord;
  owner: string | null;
  keys: Set<string>;
}

const SWEEP_EVERY = 256;

/**
 * The default store without Redis: one process, Maps with TTLs read from the injected clock.
 * Every call is synchronous inside, so a claim is atomic within the process.
 */
export class MemoryIncidentStore implements IncidentStore {
  private readonly clock: Clock;
  private readonly maxOccurrences: number;
  private readonly maxTrackedKeys: number;
  private readonly maxIncidents: number;
  private readonly maxDeliveries: number;
  private readonly incidents = new Map<string, Entry>();
  private readonly deliveries = new Map<string, number>();
  private readonly mutes = new Map<string, number>();
  private readonly createdAt: number;
  private writes = 0;
  private closed = false;

  constructor(options: MemoryIncidentStoreOptions) {
    this.clock = options.clock;
    this.maxOccurrences = positive('maxOccurrences', options.maxOccurrences ?? STORE_DEFAULTS.maxOccurrences);
    this.maxTrackedKeys = positive('maxTrackedKeys', options.maxTrackedKeys ?? STORE_DEFAULTS.maxTrackedKeys);
    this.maxIncidents = positive('maxIncidents', options.maxIncidents ?? STORE_DEFAULTS.maxIncidents);
    this.maxDeliveries = positive('maxDeliveries', options.maxDeliveries ?? STORE_DEFAULTS.maxDeliveries);
    this.createdAt = this.clock.now();
  }

  async claim(request: ClaimRequest): Promise<ClaimResult> {
    this.assertOpen();
    const windowMs = positive('windowMs', request.windowMs ?? STORE_DEFAULTS.windowMs);
    const leaseMs = positive('leaseMs', request.leaseMs ?? STORE_DEFAULTS.leaseMs);
    const now = this.clock.now();
    const id = entryId(request.scope, request.fingerprint);
    this.noteWrite(now);

    let entry = this.live(id, now);
    if (entry && entry.record.resolvedAt !== null) {
      this.incidents.delete(id);
      entry = undefined;
    }
    const occurrence = { ...request.occurrence };
    if (!entry) {
      entry = {
        record: {
          scope: request.scope,
          fingerprint: request.fingerprint,
          class: request.class,
          title: request.title,
          count: 1,
          firstSeen: occurrence.at,
          lastSeen: occurrence.at,
          occurrences: [occurrence],
          posts: [],
          claimedAt: now,
          resolvedAt: null,
          expiresAt: now + windowMs,
        },
        owner: request.key ?? null,
        keys: new Set(request.key === undefined ? [] : [request.key]),
      };
      this.incidents.set(id, entry);
      this.enforceCap(this.incidents, this.maxIncidents);
      return { first: true, record: structuredClone(entry.record) };
    }

    const record = entry.record;
    const posted = record.posts.length > 0;
    const repeat = request.key !== undefined && entry.keys.has(request.key);
    let first = false;
    if (repeat) {
      if (!posted && entry.owner === request.key) {
        first = true;
        record.claimedAt = now;
      }
    } else {
      record.count += 1;
      record.firstSeen = Math.min(record.firstSeen, occurrence.at);
      record.lastSeen = Math.max(record.lastSeen, occurrence.at);
      record.occurrences.unshift(occurrence);
      record.occurrences.length = Math.min(record.occurrences.length, this.maxOccurrences);
      if (request.key !== undefined && entry.keys.size < this.maxTrackedKeys) entry.keys.add(request.key);
    }
    if (!first && !posted && now - record.claimedAt >= leaseMs) {
      first = true;
      entry.owner = request.key ?? null;
      record.claimedAt = now;
    }
    return { first, record: structuredClone(record) };
  }

  async recordPost(scope: string, fingerprint: string, post: IncidentPost): Promise<IncidentRecord | null> {
    this.assertOpen();
    const entry = this.live(entryId(scope, fingerprint), this.clock.now());
    if (!entry) return null;
    const slot = postSlot(post);
    entry.record.posts = entry.record.posts.filter((p) => postSlot(p) !== slot);
    entry.record.posts.push({ ...post });
    entry.record.posts.sort((a, b) => postSlot(a).localeCompare(postSlot(b)));
    return structuredClone(entry.record);
  }

  async get(scope: string, fingerprint: string): Promise<IncidentRecord | null> {
    this.assertOpen();
    const entry = this.live(entryId(scope, fingerprint), this.clock.now());
    return entry ? structuredClone(entry.record) : null;
  }

  async markResolved(scope: string, fingerprint: string, at: number): Promise<boolean> {
    this.assertOpen();
    const entry = this.live(entryId(scope, fingerprint), this.clock.now());
    if (!entry) return false;
    entry.record.resolvedAt = at;
    return true;
  }

  async rememberDelivery(id: string, ttlMs: number): Promise<boolean> {
    this.assertOpen();
    positive('ttlMs', ttlMs);
    const now = this.clock.now();
    this.noteWrite(now);
    if (this.hasDelivery(id)) return false;
    this.deliveries.delete(id);
    this.deliveries.set(id, now + ttlMs);
    this.enforceCap(this.deliveries, this.maxDeliveries);
    return true;
  }

  /**
   * Keep a copy of a record read from the shared store, so that this process still knows the
   * incident (and where it was posted) if the shared store goes away. Posts known only here are kept.
   */
  mirror(record: IncidentRecord): void {
    const now = this.clock.now();
    if (record.expiresAt <= now) return;
    const id = entryId(record.scope, record.fingerprint);
    const existing = this.live(id, now);
    const copy = structuredClone(record);
    if (existing && existing.record.resolvedAt === null) {
      const slots = new Set(copy.posts.map(postSlot));
      copy.posts.push(...existing.record.posts.filter((p) => !slots.has(postSlot(p))));
      copy.posts.sort((a, b) => postSlot(a).localeCompare(postSlot(b)));
      existing.record = copy;
      return;
    }
    this.incidents.delete(id);
    this.incidents.set(id, { record: copy, owner: null, keys: new Set() });
    this.enforceCap(this.incidents, this.maxIncidents);
  }

  /** True when `id` was remembered and has not expired (no side effect). */
  hasDelivery(id: string): boolean {
    const expiresAt = this.deliveries.get(id);
    return expiresAt !== undefined && expiresAt > this.clock.now();
  }

  async mute(scope: string, fingerprint: string, untilMs: number): Promise<void> {
    this.assertOpen();
    const id = entryId(scope, fingerprint);
    this.mutes.delete(id);
    if (untilMs > this.clock.now()) {
      this.mutes.set(id, untilMs);
      this.enforceCap(this.mutes, this.maxIncidents);
    }
  }

  async isMuted(scope: string, fingerprint: string): Promise<boolean> {
    this.assertOpen();
    const until = this.mutes.get(entryId(scope, fingerprint));
    return until !== undefined && until > this.clock.now();
  }

  async topIncidents(sinceMs: number, limit: number): Promise<IncidentSummary[]> {
    this.assertOpen();
    const now = this.clock.now();
    const found: IncidentSummary[] = [];
    for (const [id, entry] of this.incidents) {
      if (!this.live(id, now)) continue;
      const r = entry.record;
      if (r.lastSeen < sinceMs) continue;
      found.push({ scope: r.scope, fingerprint: r.fingerprint, class: r.class, title: r.title, count: r.count, lastSeen: r.lastSeen });
    }
    return found.sort(rankSummaries).slice(0, Math.max(0, limit));
  }

  async ping(): Promise<boolean> {
    return !this.closed;
  }

  health(): StoreHealth {
    return { backend: 'memory', state: 'up', dedupe: 'local', since: this.createdAt };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.incidents.clear();
    this.deliveries.clear();
    this.mutes.clear();
  }

  private live(id: string, now: number): Entry | undefined {
    const entry = this.incidents.get(id);
    if (entry && entry.record.expiresAt <= now) {
      this.incidents.delete(id);
      return undefined;
    }
    return entry;
  }

  private noteWrite(now: number): void {
    this.writes += 1;
    if (this.writes % SWEEP_EVERY !== 0) return;
    for (const [id, entry] of this.incidents) if (entry.record.expiresAt <= now) this.incidents.delete(id);
    for (const [id, expiresAt] of this.deliveries) if (expiresAt <= now) this.deliveries.delete(id);
    for (const [id, until] of this.mutes) if (until <= now) this.mutes.delete(id);
  }

  private enforceCap<V>(map: Map<string, V>, max: number): void {
    // Maps iterate in insertion order: the first keys are the oldest.
    for (const id of map.keys()) {
      if (map.size <= max) break;
      map.delete(id);
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreError('store-closed', 'The incident store is closed.');
  }
}

function entryId(scope: string, fingerprint: string): string {
  return `${scope}\u0000${fingerprint}`;
}
