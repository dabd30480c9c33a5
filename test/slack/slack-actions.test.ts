import { readFileSync } from 'node:fs';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getTestRedis } from '../support/redis.js';
import type { TestRedis } from '../support/redis.js';
import { blockKitProblems, FORM, actionBody, commandBody, fakeSlack, post, slackHeaders, startSlackServer, waitFor } from './slack-test-kit.js';
import type { FakeSlack, SlackServer } from './slack-test-kit.js';

const LOG = readFileSync('fixtures/logs/lab/cgo-cross-host-gcc-arm64.log', 'utf8');
const DAY_MS = 24 * 60 * 60 * 1000;

interface Button {
  action_id: string;
  value: string;
}

const redis = await getTestRedis();
const backends: [string, () => { env: Record<string, string>; prefix: string | undefined }][] = [['memory', () => ({ env: {}, prefix: undefined })]];
if (redis !== null) backends.push(['redis', () => ({ env: { REDIS_URL: (redis as TestRedis).url }, prefix: (redis as TestRedis).uniquePrefix() })]);
afterAll(async () => redis?.stop());

describe.each(backends)('buttons on a diagnosis (interactivity over signed HTTP, store: %s)', (_name, backend) => {
  let server: SlackServer;
  let slack: FakeSlack;
  let prefix: string | undefined;
  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    const b = backend();
    prefix = b.prefix;
    server = await startSlackServer(b.env, b.prefix);
  });
  beforeEach(() => {
    slack = fakeSlack();
  });
  afterEach(() => nock.cleanAll());
  afterAll(async () => {
    await server.close();
    if (prefix !== undefined) {
      // The diagnosis messages for "Show fix commands" were kept in Redis, expiring with the window.
      expect((await redis?.keys(`${prefix}:slack:msg`))?.length).toBeGreaterThan(0);
      await redis?.cleanup(prefix);
    }
    nock.enableNetConnect();
  });

  /** Posts the fixture's diagnosis in `channel`; resolves the message ts and its buttons. */
  async function diagnose(channel: string): Promise<{ ts: string; buttons: Map<string, Button> }> {
    const before = slack.of('chat.postMessage').length;
    const body = commandBody(`diagnose ${LOG}`, { channel });
    await post(server, '/slack/commands', body, slackHeaders(body, FORM));
    await waitFor(() => slack.of('chat.postMessage').length === before + 1, 'the post');
    const blocks = slack.of('chat.postMessage')[before]?.args['blocks'] as { type: string; elements?: Button[] }[];
    const actions = blocks.find((b) => b.type === 'actions')?.elements ?? [];
    return { ts: `1700000000.${String(before + 1).padStart(6, '0')}`, buttons: new Map(actions.map((b) => [b.action_id, b])) };
  }

  async function press(actionId: string, value: string, ts: string, options: { channel: string; user?: string }) {
    const body = actionBody({ actionId, value, ts, channel: options.channel, ...(options.user === undefined ? {} : { user: options.user }) });
    return post(server, '/slack/actions', body, slackHeaders(body, FORM));
  }

  it('posts the primary fix commands verbatim, and "Show alternatives" expands the message in place with chat.update', async () => {
    const { ts, buttons } = await diagnose('CACT1');
    const show = buttons.get('goarch_show_fix');
    expect(show).toBeDefined();
    const collapsed = JSON.stringify(slack.of('chat.postMessage')[0]?.args['blocks']);
    // The primary fix's commands are in the message itself; only the alternatives wait for the button.
    expect(collapsed).toContain('```');
    expect(collapsed).not.toContain('Alternative 1');
    const res = await press('goarch_show_fix', show?.value ?? '', ts, { channel: 'CACT1' });
    expect(res.status).toBe(200);
    await waitFor(() => slack.of('chat.update').length === 1, 'the update');
    const update = slack.of('chat.update')[0];
    expect(update?.args).toMatchObject({ channel: 'CACT1', ts });
    const expanded = JSON.stringify(update?.args['blocks']);
    expect(expanded).toContain('Alternative 1');
    expect(expanded).not.toContain('goarch_show_fix');
    expect(expanded).toContain('goarch_mute');
    expect(blockKitProblems(update?.args['blocks'])).toEqual([]);
  });

  it('"Mute 7 days" mutes the incident in that channel: the next diagnosis there is not posted', async () => {
    const { ts, buttons } = await diagnose('CACT2');
    const before = Date.now();
    await press('goarch_mute', buttons.get('goarch_mute')?.value ?? '', ts, { channel: 'CACT2' });
    await waitFor(() => slack.of('chat.postMessage').length === 2, 'the thread note');
    const note = slack.of('chat.postMessage')[1];
    expect(note?.args).toMatchObject({ channel: 'CACT2', thread_ts: ts, text: expect.stringMatching(/^<@U2> muted this incident \(`[0-9a-f]+`\) in this channel until <!date\^(\d+)\^/) });
    const until = Number(/<!date\^(\d+)\^/.exec(String(note?.args['text']))?.[1]) * 1000;
    expect(until).toBeGreaterThanOrEqual(Math.floor((before + 7 * DAY_MS) / 1000) * 1000);
    expect(until).toBeLessThanOrEqual(Date.now() + 7 * DAY_MS);
    // The same log again in that channel: nothing posted, the asker is told why.
    const body = commandBody(`diagnose ${LOG}`, { channel: 'CACT2' });
    await post(server, '/slack/commands', body, slackHeaders(body, FORM));
    await waitFor(() => slack.responses.length === 1, 'the ephemeral note');
    expect(slack.responses[0]).toMatchObject({ response_type: 'ephemeral', text: '1 incident is muted in this channel and was not posted.' });
    expect(slack.of('chat.postMessage')).toHaveLength(2);
    expect(slack.of('chat.update')).toHaveLength(0);
  });

  it('refuses "Open fix PR" to a user outside SLACK_FIX_ALLOWED_USERS, ephemerally', async () => {
    const value = JSON.stringify({ s: 'slack:CACT3', f: 'abc123', r: { o: 'octo-org', n: 'octo-repo', id: 42 } });
    await press('goarch_open_fix_pr', value, '1700000000.000009', { channel: 'CACT3', user: 'UOTHER' });
    await waitFor(() => slack.responses.length === 1, 'the refusal');
    expect(slack.responses[0]).toEqual({
      response_type: 'ephemeral',
      replace_original: false,
      text: 'You may not open fix pull requests from Slack. Ask the goarch admin to add your user id `UOTHER` to SLACK_FIX_ALLOWED_USERS.',
    });
    expect(slack.calls).toEqual([]);
  });

  it('tells an allowed user that fix pull requests are not available yet, and never pretends', async () => {
    const value = JSON.stringify({ s: 'slack:CACT4', f: 'abc123', r: { o: 'octo-org', n: 'octo-repo', id: 42 } });
    await press('goarch_open_fix_pr', value, '1700000000.000009', { channel: 'CACT4', user: 'UALLOWED' });
    await waitFor(() => slack.responses.length === 1, 'the answer');
    expect(slack.responses[0]).toMatchObject({ text: expect.stringMatching(/^Fix pull requests are not available on this goarch server yet\./) });
    expect(slack.calls).toEqual([]);
  });

  it.each([
    ['belongs to another channel', JSON.stringify({ s: 'slack:COTHER', f: 'abc123' }), 'That button does not belong to this message any more.'],
    ['is not JSON', 'mute-everything', 'That button does not belong to this message any more.'],
  ])('refuses a button whose value %s', async (_name, value, text) => {
    await press('goarch_mute', value, '1700000000.000009', { channel: 'CACT5' });
    await waitFor(() => slack.responses.length === 1, 'the refusal');
    expect(slack.responses[0]).toMatchObject({ text: expect.stringContaining(text) });
    expect(slack.calls).toEqual([]);
  });

  it('says "run it again" when it no longer holds the message of "Show fix commands"', async () => {
    await press('goarch_show_fix', JSON.stringify({ s: 'slack:CACT6', f: 'abc123' }), '1600000000.000001', { channel: 'CACT6' });
    await waitFor(() => slack.responses.length === 1, 'the answer');
    expect(slack.responses[0]).toMatchObject({ text: expect.stringMatching(/^goarch no longer holds this diagnosis/) });
    expect(slack.calls).toEqual([]);
  });

  it('answers 401 to an interaction with a bad signature', async () => {
    const body = actionBody({ actionId: 'goarch_mute', value: JSON.stringify({ s: 'slack:CACT7', f: 'abc' }), ts: '1700000000.000001', channel: 'CACT7' });
    const res = await post(server, '/slack/actions', body, slackHeaders(body, FORM, { secret: 'nope' }));
    expect(res.status).toBe(401);
  });
});
