import { createHmac } from 'node:crypto';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from './test-server.js';
import type { TestServer } from './test-server.js';

const SIGNING_SECRET = 'test-slack-signing-secret';

function slackHeaders(body: string, timestamp = Math.floor(Date.now() / 1000), secret = SIGNING_SECRET): Record<string, string> {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature };
}

const command = new URLSearchParams({
  command: '/goarch',
  text: 'help',
  team_id: 'T1',
  channel_id: 'C1',
  user_id: 'U2',
  response_url: 'https://hooks.slack.com/commands/T1/1/x',
  trigger_id: '1.2.3',
  api_app_id: 'A1',
  token: 'legacy-verification-token',
}).toString();

describe('Slack endpoints when Slack is configured', () => {
  let server: TestServer;
  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    server = await startTestServer({ SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: SIGNING_SECRET });
  });
  afterAll(async () => {
    await server.close();
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it('answers a signed /goarch help command with the help text', async () => {
    const authTest = nock('https://slack.com').post('/api/auth.test').reply(200, { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' });
    const res = await fetch(`${server.url}/slack/events`, { method: 'POST', headers: slackHeaders(command), body: command });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('/goarch help') });
    expect(authTest.isDone()).toBe(true);
  });

  it.each([
    ['a wrong signature', () => slackHeaders(command, Math.floor(Date.now() / 1000), 'wrong-secret')],
    ['a stale timestamp', () => slackHeaders(command, Math.floor(Date.now() / 1000) - 10 * 60)],
    ['no signature', () => ({ 'content-type': 'application/x-www-form-urlencoded' })],
  ])('answers 401 to %s', async (_name, headers) => {
    const res = await fetch(`${server.url}/slack/events`, { method: 'POST', headers: headers(), body: command });
    expect(res.status).toBe(401);
  });

  it('answers 404 JSON under /slack for a path Bolt does not serve', async () => {
    const res = await fetch(`${server.url}/slack/unknown`, { method: 'POST', body: '' });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: 'not-found' });
  });

  it('never logs the bot token or the signing secret', () => {
    const text = JSON.stringify(server.logs);
    expect(text).not.toContain('xoxb-test-token');
    expect(text).not.toContain(SIGNING_SECRET);
  });
});
