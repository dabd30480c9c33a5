import { describe, expect, it, beforeEach, afterEach } from 'vitest';
import type { ClaimRequest, IncidentStore } from '../../src/store/incident-store.js';
import type { Clock } from '../../src/store/clock.js';
import { StoreError } from '../../src/store/store-error.js';

export interface StoreUnderTest {
  store: IncidentStore;
  clock: Clock;
  /** Let `ms` pass for the store: a fake clock moves, a real server is waited on. */
  advance(ms: number): Promise<void>;
  dispose(): Promise<void>;
}

export type StoreFactory = () => Promise<StoreUnderTest>;

/** The one behaviour every IncidentStore must have (STYLE §7). */
export function describeIncidentStoreContract(name: string, factory: StoreFactory): void {
  describe(`IncidentStore contract: ${name}`, () => {
    let t: StoreUnderTest;
    let store: IncidentStore;

    beforeEach(async () => {
      t = await factory();
      store = t.store;
    });
    afterEach(async () => {
      await t.dispose();
    });

    const claim = (overrides: Partial<ClaimRequest> = {}, occurrence: Partial<ClaimRequest['occurrence']> = {}) =>
      store.claim({
        scope: 'acme/widgets',
        fingerprint: 'fp-1',
        class: 'exec-format-error',
        title: 'exec format error running an amd64 binary on arm64',
        ...overrides,
        occurrence: { at: t.clock.now(), ...occurrence },
      });

    it('gives the first claim first:true and a new record', async () => {
      const at = t.clock.now();
      const { first, record } = await claim({}, { runId: '1', jobId: '10', url: 'https://example.test/1', at });
      expect(first).toBe(true);
      expect(record).toMatchObject({
        scope: 'acme/widgets',
        fingerprint: 'fp-1',
        class: 'exec-format-error',
        title: 'exec format error running an amd64 binary on arm64',
        count: 1,
        firstSeen: at,
        lastSeen: at,
        occurrences: [{ runId: '1', jobId: '10', url: 'https://example.test/1', at }],
        posts: [],
        resolvedAt: null,
      });
      expect(record.expiresAt).toBeGreaterThan(at);
      expect(await store.get('acme/widgets', 'fp-1')).toEqual(record);
    });

    it('folds repeats into the record: count, first and last seen, newest occurrence first', async () => {
      const at = t.clock.now();
      await claim({}, { runId: '1', at });
      const { first, record } = await claim({}, { runId: '2', at: at + 5 });
      expect(first).toBe(false);
      expect(record.count).toBe(2);
      expect(record.firstSeen).toBe(at);
      expect(record.lastSeen).toBe(at + 5);
      expect(record.occurrences.map((o) => o.runId)).toEqual(['2', '1']);
    });

    it('gives exactly one of 20 concurrent claimers first:true and counts all 20', async () => {
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => claim({}, { runId: String(i) })));
      expect(results.filter((r) => r.first)).toHaveLength(1);
      expect(results.map((r) => r.record.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect((await store.get('acme/widgets', 'fp-1'))?.count).toBe(20);
    });

    it('keeps scopes and fingerprints apart', async () => {
      expect((await claim()).first).toBe(true);
      expect((await claim({ scope: 'acme/gadgets' })).first).toBe(true);
      expect((await claim({ fingerprint: 'fp-2' })).first).toBe(true);
      expect(await store.get('acme/other', 'fp-1')).toBeNull();
    });

    it('bounds the occurrence list to the newest 20', async () => {
      for (let i = 0; i < 25; i++) await claim({}, { runId: String(i) });
      const record = await store.get('acme/widgets', 'fp-1');
      expect(record?.count).toBe(25);
      expect(record?.occurrences).toHaveLength(20);
      expect(record?.occurrences[0]?.runId).toBe('24');
    });

    it('records where the incident was posted, one post per kind and Slack channel, returned to repeats', async () => {
      await claim();
      await store.recordPost('acme/widgets', 'fp-1', { kind: 'github-comment', id: '111', url: 'https://example.test/c/111' });
      await store.recordPost('acme/widgets', 'fp-1', { kind: 'slack', id: '1700.1', channel: 'C1', ts: '1700.1' });
      await store.recordPost('acme/widgets', 'fp-1', { kind: 'slack', id: '1700.2', channel: 'C2', ts: '1700.2' });
      const replaced = await store.recordPost('acme/widgets', 'fp-1', { kind: 'github-comment', id: '222' });
      expect(replaced?.posts).toEqual([
        { kind: 'github-comment', id: '222' },
        { kind: 'slack', id: '1700.1', channel: 'C1', ts: '1700.1' },
        { kind: 'slack', id: '1700.2', channel: 'C2', ts: '1700.2' },
      ]);
      const repeat = await claim();
      expect(repeat.first).toBe(false);
      expect(repeat.record.posts).toEqual(replaced?.posts);
    });

    it('does not record a post on an unknown incident', async () => {
      expect(await store.recordPost('acme/widgets', 'nope', { kind: 'github-check', id: '1' })).toBeNull();
      expect(await store.get('acme/widgets', 'nope')).toBeNull();
    });

    it('lets the winner claim again with its key until it has posted (a job retried after a crash)', async () => {
      expect((await claim({ key: 'job-a' })).first).toBe(true);
      const retried = await claim({ key: 'job-a' });
      expect(retried.first).toBe(true);
      expect(retried.record.count).toBe(1);
      const other = await claim({ key: 'job-b' });
      expect(other.first).toBe(false);
      expect(other.record.count).toBe(2);
      await store.recordPost('acme/widgets', 'fp-1', { kind: 'github-comment', id: '1' });
      const afterPost = await claim({ key: 'job-a' });
      expect(afterPost.first).toBe(false);
      expect(afterPost.record.count).toBe(2);
    });

    it('counts a repeated key once', async () => {
      await claim({ key: 'job-a' });
      await claim({ key: 'job-b' });
      const again = await claim({ key: 'job-b' });
      expect(again.first).toBe(false);
      expect(again.record.count).toBe(2);
    });

    it('hands the post to another claimer when the winner has not posted within the lease', async () => {
      expect((await claim({ key: 'job-a', leaseMs: 200 })).first).toBe(true);
      expect((await claim({ key: 'job-b', leaseMs: 200 })).first).toBe(false);
      await t.advance(300);
      const takeover = await claim({ key: 'job-c', leaseMs: 200 });
      expect(takeover.first).toBe(true);
      expect(takeover.record.count).toBe(3);
      // The old winner has lost the lease.
      expect((await claim({ key: 'job-a', leaseMs: 200 })).first).toBe(false);
    });

    it('starts a new incident once the window has passed', async () => {
      await claim({ windowMs: 300 });
      await claim({ windowMs: 300 });
      await t.advance(400);
      expect(await store.get('acme/widgets', 'fp-1')).toBeNull();
      const fresh = await claim({ windowMs: 300 });
      expect(fresh.first).toBe(true);
      expect(fresh.record.count).toBe(1);
    });

    it('starts a new incident after markResolved', async () => {
      await claim();
      await store.recordPost('acme/widgets', 'fp-1', { kind: 'github-comment', id: '1' });
      const at = t.clock.now();
      expect(await store.markResolved('acme/widgets', 'fp-1', at)).toBe(true);
      expect((await store.get('acme/widgets', 'fp-1'))?.resolvedAt).toBe(at);
      const fresh = await claim();
      expect(fresh.first).toBe(true);
      expect(fresh.record).toMatchObject({ count: 1, posts: [], resolvedAt: null });
      expect(await store.markResolved('acme/widgets', 'unknown', at)).toBe(false);
    });

    it('remembers a delivery id for its TTL', async () => {
      expect(await store.rememberDelivery('d-1', 300)).toBe(true);
      expect(await store.rememberDelivery('d-1', 300)).toBe(false);
      expect(await store.rememberDelivery('d-2', 300)).toBe(true);
      await t.advance(400);
      expect(await store.rememberDelivery('d-1', 300)).toBe(true);
    });

    it('remembers exactly one of 20 concurrent deliveries with one id', async () => {
      const results = await Promise.all(Array.from({ length: 20 }, () => store.rememberDelivery('same', 10_000)));
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('mutes an incident until a time', async () => {
      expect(await store.isMuted('acme/widgets', 'fp-1')).toBe(false);
      await store.mute('acme/widgets', 'fp-1', t.clock.now() + 300);
      expect(await store.isMuted('acme/widgets', 'fp-1')).toBe(true);
      expect(await store.isMuted('acme/widgets', 'fp-2')).toBe(false);
      await t.advance(400);
      expect(await store.isMuted('acme/widgets', 'fp-1')).toBe(false);
      await store.mute('acme/widgets', 'fp-1', t.clock.now() + 60_000);
      await store.mute('acme/widgets', 'fp-1', t.clock.now() - 1);
      expect(await store.isMuted('acme/widgets', 'fp-1')).toBe(false);
    });

    it('ranks incidents for stats: most counted first, since a time, up to a limit', async () => {
      const start = t.clock.now();
      await claim({ fingerprint: 'old' }, { at: start - 10_000 });
      for (let i = 0; i < 3; i++) await claim({ fingerprint: 'a', class: 'cgo-cross-linker', title: 'A' });
      for (let i = 0; i < 2; i++) await claim({ scope: 'acme/gadgets', fingerprint: 'b', title: 'B' });
      await claim({ fingerprint: 'c', title: 'C' });
      const top = await store.topIncidents(start - 1000, 2);
      expect(top).toEqual([
        { scope: 'acme/widgets', fingerprint: 'a', class: 'cgo-cross-linker', title: 'A', count: 3, lastSeen: expect.any(Number) },
        { scope: 'acme/gadgets', fingerprint: 'b', class: 'exec-format-error', title: 'B', count: 2, lastSeen: expect.any(Number) },
      ]);
      expect((await store.topIncidents(start - 1000, 10)).map((s) => s.fingerprint)).toEqual(['a', 'b', 'c']);
      expect((await store.topIncidents(start - 20_000, 10)).map((s) => s.fingerprint)).toContain('old');
      expect(await store.topIncidents(start - 1000, 0)).toEqual([]);
    });

    it('answers ping and reports its health', async () => {
      expect(await store.ping()).toBe(true);
      const health = store.health();
      expect(health.state).toBe('up');
      expect(['redis', 'memory']).toContain(health.backend);
    });

    it('refuses a non-positive window or delivery TTL with a stable code', async () => {
      await expect(claim({ windowMs: 0 })).rejects.toMatchObject({ code: 'store-invalid-argument' });
      await expect(store.rememberDelivery('x', -1)).rejects.toBeInstanceOf(StoreError);
    });

    it('refuses calls once closed', async () => {
      await store.close();
      await expect(claim()).rejects.toMatchObject({ code: 'store-closed' });
      expect(await store.ping()).toBe(false);
    });
  });
}
