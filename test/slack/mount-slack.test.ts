import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { mountSlack } from '../../src/slack/mount-slack.js';

describe('mountSlack', () => {
  it('builds a Socket Mode app (with the caching authorize) without connecting or serving HTTP', async () => {
    const registered: unknown[] = [];
    const mount = mountSlack(
      { mode: 'socket', botToken: 'xoxb-1', signingSecret: null, appToken: 'xapp-1', apiUrl: null, fixAllowedUsers: [], allowedChannels: [], channelRepos: {} },
      pino({ level: 'silent' }),
      (app) => registered.push(app),
    );
    expect(mount.handler).toBeNull();
    expect(registered).toHaveLength(1);
  });
});
