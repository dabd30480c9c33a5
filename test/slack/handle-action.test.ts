import type { webApi } from '@slack/bolt';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { FixPullRequestRequest, FixPullRequestResult } from '../../src/service/fix-publisher.js';
import { handleAction } from '../../src/slack/handle-action.js';
import { memoryMessageCache } from '../../src/slack/memory-message-cache.js';
import { MemoryIncidentStore } from '../../src/store/memory-incident-store.js';
import { systemClock } from '../../src/store/system-clock.js';

const VALUE = JSON.stringify({ s: 'slack:C1', f: 'fp-1', r: { o: 'octo-org', n: 'octo-repo', id: 42 } });

function setup(answer: FixPullRequestResult) {
  const posted: Record<string, unknown>[] = [];
  const told: string[] = [];
  const requests: FixPullRequestRequest[] = [];
  const client = { chat: { postMessage: async (args: Record<string, unknown>) => void posted.push(args) } } as unknown as webApi.WebClient;
  const deps = {
    store: new MemoryIncidentStore({ clock: systemClock }),
    cache: memoryMessageCache({ now: Date.now }),
    fixPublisher: { openFixPullRequest: async (request: FixPullRequestRequest) => (requests.push(request), answer) },
    fixAllowedUsers: ['UALLOWED'],
    now: Date.now,
  };
  const io = { client, tell: async (text: string) => void told.push(text), log: pino({ level: 'silent' }) };
  const payload = (user: string) => ({
    type: 'block_actions' as const,
    user: { id: user },
    container: { channel_id: 'C1', message_ts: '1700000000.000001' },
    message: { ts: '1700000000.000001' },
    actions: [{ action_id: 'goarch_open_fix_pr', value: VALUE }],
  });
  return { posted, told, requests, run: (user: string) => handleAction(payload(user), deps, io) };
}

describe('"Open fix PR" through the FixPublisher port', () => {
  it('opens the pull request for an allowed user and says so in the thread', async () => {
    const t = setup({ ok: true, url: 'https://github.com/octo-org/octo-repo/pull/77', created: true });
    await t.run('UALLOWED');
    expect(t.requests).toEqual([{ repo: { owner: 'octo-org', repo: 'octo-repo' }, runId: 42, fingerprint: 'fp-1', requestedBy: 'slack:UALLOWED' }]);
    expect(t.posted).toEqual([{ channel: 'C1', thread_ts: '1700000000.000001', text: '<@UALLOWED> opened a fix pull request: https://github.com/octo-org/octo-repo/pull/77' }]);
    expect(t.told).toEqual([]);
  });

  it('tells the presser why when the publisher refuses', async () => {
    const t = setup({ ok: false, reason: 'fix pull requests are off for octo-org/octo-repo: set `autofix: true`' });
    await t.run('UALLOWED');
    expect(t.told).toEqual(['goarch could not open a fix pull request: fix pull requests are off for octo-org/octo-repo: set `autofix: true`']);
    expect(t.posted).toEqual([]);
  });

  it('never calls the publisher for a user outside the allow-list', async () => {
    const t = setup({ ok: true, url: 'https://github.com/x/y/pull/1', created: true });
    await t.run('UOTHER');
    expect(t.requests).toEqual([]);
    expect(t.told[0]).toMatch(/^You may not open fix pull requests from Slack\./);
  });
});
