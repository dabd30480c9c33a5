import { readFileSync } from 'node:fs';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { blockKitProblems, FORM, commandBody, fakeSlack, post, slackHeaders, startSlackServer, waitFor } from './slack-test-kit.js';
import type { FakeSlack, SlackServer } from './slack-test-kit.js';

/** Real logs: one from the reproduction lab, one from a public issue thread. */
const EXEC_LOG = readFileSync('fixtures/logs/lab/exec-arm64-go-test.log', 'utf8');
const CGO_LOG = readFileSync('fixtures/logs/public/cgo-cross-linker/gdu-pi5-marm.log', 'utf8');
const NEGATIVE_LOG = readFileSync('fixtures/logs/lab/control-compile-typo.log', 'utf8');

describe('/goarch over signed HTTP (no GitHub App on the server)', () => {
  let server: SlackServer;
  let slack: FakeSlack;
  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    server = await startSlackServer();
  });
  beforeEach(() => {
    slack = fakeSlack();
  });
  afterEach(() => nock.cleanAll());
  afterAll(async () => {
    await server.close();
    nock.enableNetConnect();
  });

  const command = async (text: string, options: { channel?: string; user?: string } = {}) => {
    const body = commandBody(text, options);
    const res = await post(server, '/slack/commands', body, slackHeaders(body, FORM));
    return { status: res.status, body: res.text === '' ? null : (JSON.parse(res.text) as Record<string, unknown>) };
  };

  it('answers help, an unknown word and an empty diagnose in the ack, ephemerally', async () => {
    const help = await command('help');
    expect(help.status).toBe(200);
    expect(help.body).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('`/goarch diagnose <GitHub Actions run or job URL>`') });
    expect((await command('deploy')).body).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/^I do not know `deploy`\./) });
    expect((await command('diagnose')).body).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('Tell me what to diagnose') });
    expect(slack.calls).toEqual([]);
    // Three requests, one auth.test: the bot identity is kept for the process.
    expect(slack.authTests).toBe(1);
  });

  it('diagnoses a pasted log: acks at once, then posts one Block Kit message per incident in the channel', async () => {
    const res = await command(`diagnose ${EXEC_LOG}`, { channel: 'CPASTE' });
    expect(res).toEqual({ status: 200, body: { response_type: 'ephemeral', text: 'Diagnosing the pasted log ...' } });
    await waitFor(() => slack.calls.length >= 1, 'the diagnosis post');
    // Nothing else follows:
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(slack.calls.map((c) => c.method)).toEqual(['chat.postMessage']);
    const args = slack.calls[0]?.args ?? {};
    expect(args).toMatchObject({ channel: 'CPASTE', text: expect.stringMatching(/^goarch: /) });
    expect(args['thread_ts']).toBeUndefined();
    const blocks = JSON.stringify(args['blocks']);
    expect(blocks).toContain('exec-format-error');
    expect(blocks).toContain('*Evidence*');
    expect(blocks).toContain('goarch_show_fix');
    expect(blocks).toContain('goarch_mute');
    expect(blocks).not.toContain('goarch_open_fix_pr'); // no run: no fix PR
    expect(blockKitProblems(args['blocks'])).toEqual([]);
    expect(slack.responses).toEqual([]);
  });

  it('runs a signed command replayed within the 5-minute window only once (issue 13, Low)', async () => {
    const body = commandBody(`diagnose ${CGO_LOG}`, { channel: 'CREPLAY' });
    const headers = slackHeaders(body, FORM);
    await post(server, '/slack/commands', body, headers);
    await waitFor(() => slack.of('chat.postMessage').length === 1, 'the post');
    const replay = await post(server, '/slack/commands', body, headers);
    expect(JSON.parse(replay.text)).toEqual({ response_type: 'ephemeral', text: 'goarch already handled this command.' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(slack.calls.map((c) => c.method)).toEqual(['chat.postMessage']);
  });

  it('folds a repeat into the first message: chat.update with the count and a reply in its thread', async () => {
    await command(`diagnose ${CGO_LOG}`, { channel: 'CREPEAT' });
    await waitFor(() => slack.of('chat.postMessage').length === 1, 'the first post');
    const firstTs = '1700000000.000001';
    await command(`diagnose ${CGO_LOG}`, { channel: 'CREPEAT' });
    await waitFor(() => slack.calls.length === 3, 'the update and the thread reply');
    expect(slack.calls.map((c) => c.method)).toEqual(['chat.postMessage', 'chat.update', 'chat.postMessage']);
    const [, update, reply] = slack.calls;
    expect(update?.args).toMatchObject({ channel: 'CREPEAT', ts: firstTs });
    expect(JSON.stringify(update?.args['blocks'])).toContain('(seen 2 times)');
    expect(reply?.args).toMatchObject({ channel: 'CREPEAT', thread_ts: firstTs, text: 'Reported again: seen 2 times in this channel within the dedupe window.' });
    // A third time in another channel is a new incident there.
    await command(`diagnose ${CGO_LOG}`, { channel: 'COTHER' });
    await waitFor(() => slack.calls.length === 4, 'the post in the other channel');
    expect(slack.calls[3]).toMatchObject({ method: 'chat.postMessage', args: { channel: 'COTHER' } });
    expect(slack.calls[3]?.args['thread_ts']).toBeUndefined();
  });

  it('says ephemerally when the log shows no architecture problem', async () => {
    await command(`diagnose ${NEGATIVE_LOG}`, { channel: 'CNEG' });
    await waitFor(() => slack.responses.length === 1, 'the ephemeral answer');
    const answer = slack.responses[0] as { text: string };
    expect(answer).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(answer.text.split('\n')[0]).toBe('goarch found no CPU-architecture problem in the pasted log.');
    expect(answer.text).toContain('*compile-error*');
    expect(slack.calls).toEqual([]);
  });

  it('asks to be invited when Slack refuses the post (not_in_channel)', async () => {
    slack.failNextPost('not_in_channel');
    await command(`diagnose ${EXEC_LOG}`, { channel: 'CPRIVATE' });
    await waitFor(() => slack.responses.length === 1, 'the ephemeral answer');
    expect(slack.responses[0]).toMatchObject({ response_type: 'ephemeral', text: 'I cannot post in this channel. Invite me first: `/invite @goarch`.' });
  });

  it.each([
    ['a GitHub run URL', 'https://github.com/octo-org/octo-repo/actions/runs/42', 'This goarch server has no GitHub App configured'],
    ['a pull request URL', 'https://github.com/octo-org/octo-repo/pull/7', '`https://github.com/octo-org/octo-repo/pull/7` is not a GitHub Actions run or job URL.'],
    ['a URL on another host', '<https://gitlab.com/o/r/-/jobs/1>', '`https://gitlab.com/o/r/-/jobs/1` is not a GitHub Actions run or job URL.'],
  ])('answers %s with an ephemeral message and posts nothing', async (_name, url, expected) => {
    const res = await command(`diagnose ${url}`, { channel: 'CURL' });
    expect(res.body).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/^Diagnosing https:/) });
    await waitFor(() => slack.responses.length === 1, 'the ephemeral answer');
    expect(slack.responses[0]).toMatchObject({ response_type: 'ephemeral', replace_original: false, text: expect.stringContaining(expected) });
    expect(slack.calls).toEqual([]);
  });

  it('lists the top incidents of the last 7 days with /goarch stats', async () => {
    await command(`diagnose ${EXEC_LOG}`, { channel: 'CSTATS' });
    await waitFor(() => slack.of('chat.postMessage').length === 1, 'the post');
    // Another channel does not see this channel's incidents (issue 13: stats only for the asking scope).
    const elsewhere = await command('stats', { channel: 'CNOBODYHERE' });
    expect(String(elsewhere.body?.['text'])).toBe('goarch has seen no architecture incident in the last 7 days.');
    const stats = await command('stats', { channel: 'CSTATS' });
    expect(stats.body).toMatchObject({ response_type: 'ephemeral' });
    const text = String(stats.body?.['text']);
    expect(text).toMatch(/^\*Top architecture incidents of the last 7 days\*\n1\. `/);
    expect(text).toMatch(/`exec-format-error` · <#CSTATS> · \*1×\* · last <!date\^\d+\^\{date_short_pretty\} \{time\}\|/);
  });

  it.each([
    ['a wrong signature', (body: string) => slackHeaders(body, FORM, { secret: 'wrong-secret' })],
    ['a timestamp 6 minutes old', (body: string) => slackHeaders(body, FORM, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 })],
    ['a timestamp 6 minutes ahead', (body: string) => slackHeaders(body, FORM, { timestamp: Math.floor(Date.now() / 1000) + 6 * 60 })],
  ])('answers 401 to a command with %s and runs nothing', async (_name, headers) => {
    const body = commandBody(`diagnose ${EXEC_LOG}`, { channel: 'CBAD' });
    const res = await post(server, '/slack/commands', body, headers(body));
    expect(res.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(slack.calls).toEqual([]);
  });
});
