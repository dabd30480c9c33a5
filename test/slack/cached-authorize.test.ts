import type { webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { cachedAuthorize } from '../../src/slack/cached-authorize.js';

function fakeClient(answers: (() => Promise<Record<string, unknown>>)[]) {
  const tokens: unknown[] = [];
  const client = {
    auth: {
      test: (args: { token: string }) => {
        tokens.push(args.token);
        const next = answers.shift();
        if (next === undefined) throw new Error('unexpected auth.test');
        return next();
      },
    },
  } as unknown as webApi.WebClient;
  return { client, tokens };
}

const source = { teamId: 'T1', enterpriseId: undefined, isEnterpriseInstall: false } as const;

describe('cachedAuthorize', () => {
  it('calls auth.test once and answers every later request from memory', async () => {
    const { client, tokens } = fakeClient([async () => ({ ok: true, bot_id: 'B1', user_id: 'U1' })]);
    const authorize = cachedAuthorize(client, 'xoxb-1');
    const results = await Promise.all([authorize(source), authorize(source), authorize(source)]);
    expect(results).toEqual(Array(3).fill({ isEnterpriseInstall: false, botToken: 'xoxb-1', botId: 'B1', botUserId: 'U1' }));
    expect(tokens).toEqual(['xoxb-1']);
  });

  it('does not keep a failure: the next request asks again', async () => {
    const { client, tokens } = fakeClient([async () => Promise.reject(new Error('ratelimited')), async () => ({ ok: true, bot_id: 'B1', user_id: 'U1' })]);
    const authorize = cachedAuthorize(client, 'xoxb-1');
    await expect(authorize(source)).rejects.toThrow('ratelimited');
    await expect(authorize(source)).resolves.toMatchObject({ botUserId: 'U1' });
    expect(tokens).toHaveLength(2);
  });
});
