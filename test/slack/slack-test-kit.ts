import { createHmac, randomUUID } from 'node:crypto';
import nock from 'nock';
import type { Env } from '../../src/config/read-env.js';
import { startTestServer, type AppServer } from '../github/github-test-kit.js';

export const SIGNING_SECRET = 'test-slack-signing-secret-7c1d';
export const BOT_TOKEN = 'xoxb-test-bot-token';
export const SLACK_ENV: Env = { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_FIX_ALLOWED_USERS: 'UALLOWED' };
export const RESPONSE_HOST = 'https://hooks.slack.com';
export const FILES_HOST = 'https://files.slack.com';

export type SlackServer = AppServer;

/** The real server (Bolt under /slack, the store, GitHub when `env` has it) on a free loopback port. */
export async function startSlackServer(env: Env = {}, redisPrefix?: string): Promise<SlackServer> {
  return startTestServer({ ...SLACK_ENV, ...env }, redisPrefix);
}

/** Slack's v0 signature headers for `body`. */
export function slackHeaders(body: string, contentType: string, options: { timestamp?: number; secret?: string; retryNum?: number } = {}): Record<string, string> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', options.secret ?? SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return {
    'content-type': contentType,
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': signature,
    ...(options.retryNum === undefined ? {} : { 'x-slack-retry-num': String(options.retryNum), 'x-slack-retry-reason': 'http_timeout' }),
  };
}

export interface CommandOptions {
  channel?: string;
  user?: string;
  trigger?: string;
}

/** A `/goarch` slash command body (form-encoded, as Slack sends it). */
export function commandBody(text: string, options: CommandOptions = {}): string {
  const trigger = options.trigger ?? randomUUID();
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: 'T1',
    team_domain: 'acme',
    channel_id: options.channel ?? 'C1',
    channel_name: 'ci',
    user_id: options.user ?? 'U2',
    user_name: 'dev',
    command: '/goarch',
    text,
    api_app_id: 'A1',
    response_url: `${RESPONSE_HOST}/commands/T1/${trigger}/x`,
    trigger_id: trigger,
  }).toString();
}

/** An `app_mention` event callback (JSON). */
export function mentionBody(options: { eventId: string; text: string; channel?: string; ts?: string; threadTs?: string; files?: object[]; user?: string }): string {
  return JSON.stringify({
    token: 'legacy-verification-token',
    team_id: 'T1',
    api_app_id: 'A1',
    type: 'event_callback',
    event_id: options.eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: 'T1', user_id: 'UBOT', is_bot: true, is_enterprise_install: false }],
    event: {
      type: 'app_mention',
      user: options.user ?? 'U2',
      text: options.text,
      ts: options.ts ?? '1700000100.000100',
      channel: options.channel ?? 'C1',
      event_ts: options.ts ?? '1700000100.000100',
      ...(options.threadTs === undefined ? {} : { thread_ts: options.threadTs }),
      ...(options.files === undefined ? {} : { files: options.files }),
    },
  });
}

/** A `block_actions` interaction body (form-encoded `payload=<JSON>`), as a button press on message `ts`. */
export function actionBody(options: { actionId: string; value: string; channel?: string; ts: string; user?: string; responseUrl?: string }): string {
  const channel = options.channel ?? 'C1';
  const payload = {
    type: 'block_actions',
    user: { id: options.user ?? 'U2', username: 'dev', team_id: 'T1' },
    api_app_id: 'A1',
    token: 'legacy-verification-token',
    container: { type: 'message', message_ts: options.ts, channel_id: channel, is_ephemeral: false },
    trigger_id: randomUUID(),
    team: { id: 'T1', domain: 'acme' },
    channel: { id: channel, name: 'ci' },
    message: { type: 'message', ts: options.ts, text: 'goarch', blocks: [] },
    response_url: options.responseUrl ?? `${RESPONSE_HOST}/actions/T1/${randomUUID()}/x`,
    actions: [{ type: 'button', action_id: options.actionId, block_id: 'b1', value: options.value, action_ts: '1700000200.000000' }],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export async function post(server: SlackServer, path: string, body: string, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  const res = await fetch(`${server.url}${path}`, { method: 'POST', headers, body });
  return { status: res.status, text: await res.text() };
}

export const FORM = 'application/x-www-form-urlencoded';
export const JSON_TYPE = 'application/json';

/** One Web API call as Slack received it: the method and its arguments (blocks parsed). */
export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
}

function parseBody(body: unknown): Record<string, unknown> {
  let args: Record<string, unknown>;
  if (typeof body === 'string') {
    try {
      args = JSON.parse(body) as Record<string, unknown>;
    } catch {
      args = Object.fromEntries(new URLSearchParams(body));
    }
  } else {
    args = { ...(body as Record<string, unknown>) };
  }
  for (const key of ['blocks', 'attachments']) if (typeof args[key] === 'string') args[key] = JSON.parse(args[key] as string) as unknown;
  return args;
}

export interface FakeSlack {
  /** Every Web API call but auth.test, in order. */
  calls: SlackCall[];
  /** auth.test calls. */
  authTests: number;
  /** Ephemeral answers posted to response URLs. */
  responses: Record<string, unknown>[];
  /** Make the next chat.postMessage fail with this Slack error code. */
  failNextPost(error: string): void;
  /** Calls of `method`. */
  of(method: string): SlackCall[];
}

/** Slack's Web API and response URLs, answered by nock; chat.postMessage answers increasing ts values. */
export function fakeSlack(): FakeSlack {
  const state: FakeSlack & { nextError: string | null; seq: number } = {
    calls: [],
    authTests: 0,
    responses: [],
    nextError: null,
    seq: 0,
    failNextPost(error) {
      state.nextError = error;
    },
    of(method) {
      return state.calls.filter((c) => c.method === method);
    },
  };
  nock('https://slack.com')
    .persist()
    .post(/^\/api\/[a-zA-Z.]+$/)
    .reply(function (uri, body) {
      const method = uri.replace('/api/', '');
      if (method === 'auth.test') {
        state.authTests += 1;
        return [200, { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', url: 'https://acme.slack.com/' }];
      }
      const args = parseBody(body);
      state.calls.push({ method, args });
      if (method === 'chat.postMessage') {
        if (state.nextError !== null) {
          const error = state.nextError;
          state.nextError = null;
          return [200, { ok: false, error }];
        }
        state.seq += 1;
        return [200, { ok: true, channel: args['channel'], ts: `1700000000.${String(state.seq).padStart(6, '0')}`, message: {} }];
      }
      return [200, { ok: true, channel: args['channel'], ts: args['ts'] }];
    });
  nock(RESPONSE_HOST)
    .persist()
    .post(/.*/)
    .reply(function (_uri, body) {
      state.responses.push(typeof body === 'string' ? (JSON.parse(body) as Record<string, unknown>) : (body as Record<string, unknown>));
      return [200, 'ok'];
    });
  return state;
}

export async function waitFor(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Slack's Block Kit limits on one message: 50 blocks, 3000 characters per text, 150 per header, 2000 per button value, code fences closed in each section. */
export function blockKitProblems(blocks: unknown): string[] {
  const problems: string[] = [];
  const list = blocks as { type: string; text?: { text: string }; elements?: { type: string; value?: string; text?: unknown }[] }[];
  if (list.length > 50) problems.push(`${list.length} blocks`);
  list.forEach((block, i) => {
    const text = block.text?.text ?? '';
    if (block.type === 'header' && text.length > 150) problems.push(`block ${i}: header of ${text.length} characters`);
    if (text.length > 3000) problems.push(`block ${i}: text of ${text.length} characters`);
    if ((text.match(/```/g) ?? []).length % 2 !== 0) problems.push(`block ${i}: an unclosed code block`);
    for (const element of block.elements ?? []) {
      if ((element.value ?? '').length > 2000) problems.push(`block ${i}: button value of ${element.value?.length} characters`);
      if (typeof element.text === 'string' && element.text.length > 3000) problems.push(`block ${i}: context of ${element.text.length} characters`);
    }
    if (block.type === 'actions' && (block.elements ?? []).length > 25) problems.push(`block ${i}: more than 25 elements`);
  });
  return problems;
}
