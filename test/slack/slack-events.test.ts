import { createReadStream, readFileSync, statSync } from 'node:fs';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getTestRedis } from '../support/redis.js';
import type { TestRedis } from '../support/redis.js';
import { FILES_HOST, FORM, JSON_TYPE, commandBody, fakeSlack, mentionBody, post, slackHeaders, startSlackServer, waitFor } from './slack-test-kit.js';
import type { FakeSlack, SlackServer } from './slack-test-kit.js';

const LOG = 'fixtures/logs/public/cgo-cross-linker/gdu-pi5-marm.log';

function fileOf(id: string, options: { mimetype?: string } = {}) {
  return {
    id,
    name: 'build-arm64.log',
    title: 'build-arm64.log',
    mimetype: options.mimetype ?? 'text/plain',
    filetype: 'text',
    size: statSync(LOG).size,
    url_private: `${FILES_HOST}/files-pri/T1-${id}/build-arm64.log`,
    url_private_download: `${FILES_HOST}/files-pri/T1-${id}/download/build-arm64.log`,
  };
}

const redis = await getTestRedis();
const backends: [string, () => { env: Record<string, string>; prefix: string | undefined }][] = [['memory', () => ({ env: {}, prefix: undefined })]];
if (redis !== null) backends.push(['redis', () => ({ env: { REDIS_URL: (redis as TestRedis).url }, prefix: (redis as TestRedis).uniquePrefix() })]);
afterAll(async () => redis?.stop());

describe.each(backends)('@goarch mentions (Events API over signed HTTP, store: %s)', (_name, backend) => {
  let server: SlackServer;
  let prefix: string | undefined;
  let slack: FakeSlack;
  let files: nock.Scope;
  let downloads: { path: string; authorization: string | undefined }[];
  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    const b = backend();
    prefix = b.prefix;
    server = await startSlackServer(b.env, b.prefix);
  });
  beforeEach(() => {
    slack = fakeSlack();
    downloads = [];
    files = nock(FILES_HOST);
    files.on('request', (req: { path: string; headers: Record<string, string | string[] | undefined> }) => {
      const auth = req.headers['authorization'];
      downloads.push({ path: req.path, authorization: Array.isArray(auth) ? auth[0] : auth });
    });
  });
  afterEach(() => nock.cleanAll());
  afterAll(async () => {
    await server.close();
    if (prefix !== undefined) await redis?.cleanup(prefix);
    nock.enableNetConnect();
  });

  const deliver = async (body: string, retryNum?: number) => post(server, '/slack/events', body, slackHeaders(body, JSON_TYPE, retryNum === undefined ? {} : { retryNum }));

  it('downloads a shared log with the bot token, answers in the thread, and does nothing again on Slack\'s retries', async () => {
    files.get('/files-pri/T1-F1/download/build-arm64.log').reply(200, () => createReadStream(LOG), { 'content-type': 'text/plain' });
    const body = mentionBody({ eventId: 'EvFILE1', text: '<@UBOT> what broke?', channel: 'CEV1', ts: '1700000400.000400', files: [fileOf('F1')] });
    const res = await deliver(body);
    expect(res.status).toBe(200);
    await waitFor(() => slack.calls.length === 1, 'the post');
    expect(downloads).toEqual([{ path: '/files-pri/T1-F1/download/build-arm64.log', authorization: 'Bearer xoxb-test-bot-token' }]);
    expect(slack.calls[0]).toMatchObject({ method: 'chat.postMessage', args: { channel: 'CEV1', thread_ts: '1700000400.000400' } });
    expect(JSON.stringify(slack.calls[0]?.args['blocks'])).toContain('cgo-cross-linker');
    // Slack redelivers the same event (X-Slack-Retry-Num 1 and 2): acknowledged, nothing downloaded or posted again.
    expect((await deliver(body, 1)).status).toBe(200);
    expect((await deliver(body, 2)).status).toBe(200);
    await waitFor(() => server.logs.filter((l) => l.msg === 'slack event redelivered: ignored' && l['eventId'] === 'EvFILE1').length === 2, 'two ignored retries');
    expect(server.logs.filter((l) => l.msg === 'slack event redelivered: ignored').map((l) => l['retryNum'])).toEqual([1, 2]);
    expect(downloads).toHaveLength(1);
    expect(slack.calls).toHaveLength(1);
  });

  it('asks for files:read when the download answers Slack\'s login page', async () => {
    files.get('/files-pri/T1-F2/download/build-arm64.log').reply(200, '<!DOCTYPE html><html>sign in</html>', { 'content-type': 'text/html; charset=utf-8' });
    const body = mentionBody({ eventId: 'EvFILE2', text: '<@UBOT>', channel: 'CEV2', ts: '1700000500.000500', files: [fileOf('F2')] });
    await deliver(body);
    await waitFor(() => slack.of('chat.postEphemeral').length === 1, 'the ephemeral answer');
    expect(slack.calls).toEqual([
      {
        method: 'chat.postEphemeral',
        args: {
          channel: 'CEV2',
          team_id: 'T1',
          user: 'U2',
          thread_ts: '1700000500.000500',
          text: 'I could not read the file `build-arm64.log` (Slack answered a login page: the app needs the files:read scope; reinstall it from slack-manifest.yml). Share a plain-text log (.log or .txt), or paste it with `/goarch diagnose`.',
        },
      },
    ]);
  });

  it('refuses a binary file without downloading it', async () => {
    const body = mentionBody({ eventId: 'EvFILE3', text: '<@UBOT> diagnose', channel: 'CEV3', files: [fileOf('F3', { mimetype: 'image/png' })] });
    await deliver(body);
    await waitFor(() => slack.calls.length === 1, 'the ephemeral answer');
    expect(slack.calls[0]).toMatchObject({ method: 'chat.postEphemeral', args: { text: expect.stringContaining('it is image/png, not a text log') } });
    expect(downloads).toEqual([]);
  });

  it('points a mention in another thread at the first report of a repeat incident', async () => {
    const log = readFileSync(LOG, 'utf8');
    const command = commandBody(`diagnose ${log}`, { channel: 'CEV6' });
    await post(server, '/slack/commands', command, slackHeaders(command, FORM));
    await waitFor(() => slack.calls.length === 1, 'the first post');
    const body = mentionBody({ eventId: 'EvREPEAT', text: `<@UBOT> diagnose ${log.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}`, channel: 'CEV6', ts: '1700000700.000700', threadTs: '1700000690.000690' });
    await deliver(body);
    await waitFor(() => slack.calls.length === 4, 'the update and two replies');
    expect(slack.calls.slice(1).map((c) => [c.method, c.args['thread_ts'] ?? null, c.args['ts'] ?? null])).toEqual([
      ['chat.update', null, '1700000000.000001'],
      ['chat.postMessage', '1700000000.000001', null],
      ['chat.postMessage', '1700000690.000690', null],
    ]);
    expect(slack.calls[3]?.args['text']).toBe('Already reported in this channel: <https://slack.com/archives/CEV6/p1700000000000001|the first report> (seen 2 times) has the diagnosis and the buttons.');
  });

  it('answers a mention without a request with the help, in the thread', async () => {
    const body = mentionBody({ eventId: 'EvHELP', text: '<@UBOT> help', channel: 'CEV4', ts: '1700000600.000600' });
    await deliver(body);
    await waitFor(() => slack.calls.length === 1, 'the reply');
    expect(slack.calls[0]).toMatchObject({ method: 'chat.postMessage', args: { channel: 'CEV4', thread_ts: '1700000600.000600', text: expect.stringContaining('*goarch* diagnoses Go CI failures') } });
  });

  it.each([
    ['a wrong signature', (body: string) => slackHeaders(body, JSON_TYPE, { secret: 'wrong-secret' })],
    ['a stale timestamp', (body: string) => slackHeaders(body, JSON_TYPE, { timestamp: Math.floor(Date.now() / 1000) - 10 * 60 })],
  ])('answers 401 to an event with %s and handles nothing', async (_name, headers) => {
    const body = mentionBody({ eventId: 'EvBAD', text: '<@UBOT> help', channel: 'CEV5' });
    const res = await post(server, '/slack/events', body, headers(body));
    expect(res.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(slack.calls).toEqual([]);
  });

  it('answers Slack\'s url_verification challenge', async () => {
    const body = JSON.stringify({ token: 't', challenge: 'c-123', type: 'url_verification' });
    const res = await post(server, '/slack/events', body, slackHeaders(body, JSON_TYPE));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ challenge: 'c-123' });
  });
});
