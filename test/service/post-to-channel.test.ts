import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelIncident, ChannelOutput } from '../../src/service/channel-output.js';
import { postToChannel } from '../../src/service/post-to-channel.js';
import type { ChannelCandidate, PostToChannelDeps } from '../../src/service/post-to-channel.js';
import { createIncidentStore } from '../../src/store/create-incident-store.js';
import type { IncidentPost, IncidentStore } from '../../src/store/incident-store.js';
import { buildIncident } from '../support/incident-builder.js';
import { getTestRedis } from '../support/redis.js';
import type { TestRedis } from '../support/redis.js';

const redis = await getTestRedis();
afterAll(async () => redis?.stop());

type Call = { op: 'post'; fingerprint: string; count: number; threadTs: string | null } | { op: 'update' | 'reply'; ts: string; count: number; askedIn?: string | null };

/** A ChannelOutput that records what it was asked to do; posts get increasing ts values. */
function recordingOutput(calls: Call[]): ChannelOutput {
  let seq = 0;
  return {
    postKind: 'slack',
    async post(item: ChannelIncident, threadTs: string | null) {
      seq += 1;
      calls.push({ op: 'post', fingerprint: item.incident.fingerprint, count: item.count, threadTs });
      const ts = `1700000000.${String(seq).padStart(6, '0')}`;
      return { id: ts, ts, url: `https://slack.com/archives/C1/p${ts.replace('.', '')}` };
    },
    async update(post: IncidentPost, item: ChannelIncident) {
      calls.push({ op: 'update', ts: post.ts ?? '', count: item.count });
    },
    async replyRepeat(post: IncidentPost, item: ChannelIncident, askedIn: string | null) {
      calls.push({ op: 'reply', ts: post.ts ?? '', count: item.count, askedIn });
    },
  };
}

const candidate = (fingerprint: string): ChannelCandidate => ({
  incident: buildIncident({ class: 'exec-format-error', fingerprint, title: 'exec format error' }),
  link: 'https://github.com/o/r/actions/runs/1',
  run: { owner: 'o', repo: 'r', runId: 1 },
  jobId: 11,
  truncatedAt: null,
});

const backends: [string, () => Promise<{ store: IncidentStore; prefix: string | null }>][] = [['memory', async () => ({ store: await createIncidentStore(), prefix: null })]];
if (redis !== null) {
  backends.push([
    'redis',
    async () => {
      const prefix = (redis as TestRedis).uniquePrefix();
      return { store: await createIncidentStore({ redisUrl: (redis as TestRedis).url, prefix }), prefix };
    },
  ]);
}

describe.each(backends)('postToChannel (store: %s)', (_name, make) => {
  let store: IncidentStore;
  let prefix: string | null;
  let calls: Call[];
  let deps: PostToChannelDeps;
  let sleeps: number[];
  beforeEach(async () => {
    ({ store, prefix } = await make());
    calls = [];
    sleeps = [];
    deps = { store, output: recordingOutput(calls), now: Date.now, sleep: async (ms) => void sleeps.push(ms), windowMs: 60 * 60 * 1000 };
  });
  afterEach(async () => {
    await store.close();
    if (prefix !== null) await redis?.cleanup(prefix);
  });

  it('posts a new incident once, records the post, and folds a repeat into it (update + thread reply)', async () => {
    const first = await postToChannel({ channel: 'C1', claimKey: 'k1', threadTs: null, incidents: [candidate('fp-a')] }, deps);
    expect(first).toEqual([{ fingerprint: 'fp-a', outcome: 'posted', count: 1, post: { kind: 'slack', channel: 'C1', id: '1700000000.000001', ts: '1700000000.000001', url: 'https://slack.com/archives/C1/p1700000000000001' } }]);
    expect((await store.get('slack:C1', 'fp-a'))?.posts).toEqual([first[0] && 'post' in first[0] ? first[0].post : null]);
    const again = await postToChannel({ channel: 'C1', claimKey: 'k2', threadTs: '1700000099.000001', incidents: [candidate('fp-a')] }, deps);
    expect(again).toMatchObject([{ fingerprint: 'fp-a', outcome: 'repeat', count: 2 }]);
    expect(calls).toEqual([
      { op: 'post', fingerprint: 'fp-a', count: 1, threadTs: null },
      { op: 'update', ts: '1700000000.000001', count: 2 },
      { op: 'reply', ts: '1700000000.000001', count: 2, askedIn: '1700000099.000001' },
    ]);
  });

  it('counts the same claim key once (the same run asked about twice)', async () => {
    await postToChannel({ channel: 'C2', claimKey: 'run:o/r/1', threadTs: null, incidents: [candidate('fp-b')] }, deps);
    const again = await postToChannel({ channel: 'C2', claimKey: 'run:o/r/1', threadTs: null, incidents: [candidate('fp-b')] }, deps);
    expect(again).toMatchObject([{ outcome: 'repeat', count: 1 }]);
  });

  it('keeps channels apart and skips what is muted in a channel', async () => {
    await store.mute('slack:C3', 'fp-c', Date.now() + 60_000);
    const muted = await postToChannel({ channel: 'C3', claimKey: 'k1', threadTs: null, incidents: [candidate('fp-c'), candidate('fp-d')] }, deps);
    expect(muted.map((o) => o.outcome)).toEqual(['muted', 'posted']);
    const elsewhere = await postToChannel({ channel: 'C4', claimKey: 'k1', threadTs: null, incidents: [candidate('fp-c')] }, deps);
    expect(elsewhere.map((o) => o.outcome)).toEqual(['posted']);
    expect(calls.filter((c) => c.op === 'post')).toHaveLength(2);
  });

  it('posts exactly once when many requests race on one incident', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => postToChannel({ channel: 'C5', claimKey: `race-${i}`, threadTs: null, incidents: [candidate('fp-e')] }, { ...deps, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms / 10)) })),
    );
    expect(results.flat().filter((o) => o.outcome === 'posted')).toHaveLength(1);
    expect(results.flat().filter((o) => o.outcome === 'repeat')).toHaveLength(5);
    expect(calls.filter((c) => c.op === 'post')).toHaveLength(1);
    expect((await store.get('slack:C5', 'fp-e'))?.count).toBe(6);
  });

  it('posts itself when the first claimer never posted (crashed), after waiting for it', async () => {
    await store.claim({ scope: 'slack:C6', fingerprint: 'fp-f', class: 'exec-format-error', title: 't', key: 'crashed', occurrence: { at: Date.now() } });
    const outcomes = await postToChannel({ channel: 'C6', claimKey: 'k2', threadTs: null, incidents: [candidate('fp-f')] }, deps);
    expect(outcomes).toMatchObject([{ outcome: 'posted', count: 2 }]);
    expect(sleeps).toEqual([100, 250, 500, 1000]);
    expect((await store.get('slack:C6', 'fp-f'))?.posts).toHaveLength(1);
  });
});
