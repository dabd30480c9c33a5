import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { loadConfig } from '../../src/config/load-config.js';
import type { Env } from '../../src/config/read-env.js';

const PEM = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();

function problems(env: Env, readFile?: (path: string) => string): readonly string[] {
  try {
    loadConfig(env, readFile ? { readFile } : {});
  } catch (error) {
    if (error instanceof ConfigError) {
      expect(error.code).toBe('config-invalid');
      return error.problems;
    }
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('has defaults for an empty environment', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      logLevel: 'info',
      logFormat: null,
      production: false,
      githubEndpoints: { apiBaseUrl: 'https://api.github.com', webBaseUrl: 'https://github.com', enterprise: false },
      github: null,
      slack: null,
      redisUrl: null,
      workerConcurrency: 4,
      dedupeWindowHours: 24,
      maxLogBytes: 100 * 1024 * 1024,
      shutdownTimeoutMs: 10_000,
    });
  });

  it('treats blank values as unset', () => {
    expect(loadConfig({ PORT: '', REDIS_URL: '  ', APP_ID: '' }).port).toBe(3000);
  });

  it.each([
    [{ PORT: 'abc' }, 'config: PORT must be an integer 1-65535 (got "abc")'],
    [{ PORT: '0' }, 'config: PORT must be an integer 1-65535 (got "0")'],
    [{ PORT: '70000' }, 'config: PORT must be an integer 1-65535 (got "70000")'],
    [{ LOG_LEVEL: 'loud' }, 'config: LOG_LEVEL must be one of trace, debug, info, warn, error, fatal, silent (got "loud")'],
    [{ GHE_HOST: 'https://ghe.example.com' }, 'config: GHE_HOST must be a host name such as github.example.com (no scheme, no path) (got "https://ghe.example.com")'],
    [{ GHE_PROTOCOL: 'ftp' }, 'config: GHE_PROTOCOL must be "https" or "http" (got "ftp")'],
    [{ REDIS_URL: 'http://user:pw@host' }, 'config: REDIS_URL must be a redis:// or rediss:// URL'],
    [{ WORKER_CONCURRENCY: '0' }, 'config: WORKER_CONCURRENCY must be an integer 1-256 (got "0")'],
    [{ DEDUPE_WINDOW_HOURS: '-1' }, 'config: DEDUPE_WINDOW_HOURS must be a number of hours greater than 0 and at most 2160 (got "-1")'],
    [{ MAX_LOG_BYTES: '100MB' }, 'config: MAX_LOG_BYTES must be a whole number of bytes 1024-10737418240 (got "100MB")'],
    [{ SHUTDOWN_TIMEOUT_MS: '1.5' }, 'config: SHUTDOWN_TIMEOUT_MS must be an integer number of milliseconds 0-600000 (got "1.5")'],
    [{ SLACK_API_URL: 'slack' }, 'config: SLACK_API_URL must be an http(s) URL such as https://slack.com/api/ (got "slack")'],
  ])('reports %j as one line', (env, line) => {
    expect(problems(env)).toEqual([line]);
  });

  it('reports every bad variable, one line each', () => {
    expect(problems({ PORT: 'abc', LOG_LEVEL: 'loud', WORKER_CONCURRENCY: 'many' })).toHaveLength(3);
  });

  it('names what is missing when the GitHub App is partly configured', () => {
    expect(problems({ APP_ID: '123' })).toEqual([
      'config: PRIVATE_KEY or PRIVATE_KEY_PATH is missing (the GitHub App is partly configured: APP_ID is set; set all three or none)',
      'config: WEBHOOK_SECRET is missing (the GitHub App is partly configured: APP_ID is set; set all three or none)',
    ]);
    expect(problems({ PRIVATE_KEY: PEM, WEBHOOK_SECRET: 's' })).toEqual([
      'config: APP_ID is missing (the GitHub App is partly configured: PRIVATE_KEY, WEBHOOK_SECRET are set; set all three or none)',
    ]);
  });

  it('never echoes a secret value', () => {
    const lines = problems({ APP_ID: '1', PRIVATE_KEY: 'hunter2-not-a-key', WEBHOOK_SECRET: 's', SLACK_APP_TOKEN: 'xoxb-wrong', SLACK_BOT_TOKEN: 'bad-token' });
    expect(lines.join('\n')).not.toMatch(/hunter2|xoxb-wrong|bad-token/);
    expect(lines).toContain('config: SLACK_APP_TOKEN must be a Slack app-level token starting with "xapp-"');
  });

  it.each([
    ['PEM text', PEM],
    ['PEM with literal \\n', PEM.replace(/\n/g, '\\n')],
    ['base64 PEM', Buffer.from(PEM).toString('base64')],
  ])('accepts PRIVATE_KEY as %s', (_name, value) => {
    expect(loadConfig({ APP_ID: '7', PRIVATE_KEY: value, WEBHOOK_SECRET: 'w' }).github).toEqual({ appId: 7, privateKey: PEM, webhookSecret: 'w', stateKey: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('reads PRIVATE_KEY_PATH and reports a file it cannot read', () => {
    const read = (path: string) => {
      if (path === '/keys/app.pem') return PEM;
      throw Object.assign(new Error('nope'), { code: 'ENOENT' });
    };
    expect(loadConfig({ APP_ID: '7', PRIVATE_KEY_PATH: '/keys/app.pem', WEBHOOK_SECRET: 'w' }, { readFile: read }).github?.privateKey).toBe(PEM);
    expect(problems({ APP_ID: '7', PRIVATE_KEY_PATH: '/keys/missing.pem', WEBHOOK_SECRET: 'w' }, read)).toEqual([
      'config: PRIVATE_KEY_PATH cannot be read: ENOENT (got "/keys/missing.pem")',
    ]);
    expect(problems({ APP_ID: '7', PRIVATE_KEY: PEM, PRIVATE_KEY_PATH: '/keys/app.pem', WEBHOOK_SECRET: 'w' }, read)).toEqual([
      'config: PRIVATE_KEY and PRIVATE_KEY_PATH are both set; set only one',
    ]);
  });

  it('builds GitHub Enterprise endpoints from GHE_HOST and GHE_PROTOCOL', () => {
    expect(loadConfig({ GHE_HOST: 'ghe.example.com', GHE_PROTOCOL: 'http' }).githubEndpoints).toEqual({
      apiBaseUrl: 'http://ghe.example.com/api/v3',
      webBaseUrl: 'http://ghe.example.com',
      enterprise: true,
    });
  });

  it('reads the Slack access variables and STATE_KEY, and names a bad one', () => {
    const slack = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', SLACK_ALLOWED_CHANNELS: 'C01, G02 ,', SLACK_CHANNEL_REPOS: 'C01=acme/gdu, C01=acme/*,G02=octo/tools' }).slack;
    expect(slack).toMatchObject({ allowedChannels: ['C01', 'G02'], channelRepos: { C01: ['acme/gdu', 'acme/*'], G02: ['octo/tools'] } });
    expect(problems({ SLACK_CHANNEL_REPOS: 'C01=acme' })).toEqual([
      'config: SLACK_CHANNEL_REPOS must be a comma-separated list of CHANNEL_ID=owner/repo or CHANNEL_ID=owner/* such as C012ABCDEF=acme/gdu,C012ABCDEF=acme/tools (got "C01=acme")',
    ]);
    expect(problems({ SLACK_ALLOWED_CHANNELS: 'general' })).toEqual([
      'config: SLACK_ALLOWED_CHANNELS must be a comma-separated list of Slack channel ids such as C012ABCDEF,G034GHIJKL (got "general")',
    ]);
    const key = 'k'.repeat(32);
    expect(loadConfig({ APP_ID: '7', PRIVATE_KEY: PEM, WEBHOOK_SECRET: 'w', STATE_KEY: key }).github?.stateKey).toBe(key);
    expect(problems({ STATE_KEY: 'short' })).toEqual(["config: STATE_KEY must be at least 32 characters (the key that signs the state in goarch's comments; default: derived from the private key)"]);
  });

  it('picks the Slack mode and normalises SLACK_API_URL', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_API_URL: 'http://127.0.0.1:9/api' }).slack).toEqual({
      mode: 'http',
      botToken: 'xoxb-1',
      signingSecret: 's',
      appToken: null,
      apiUrl: 'http://127.0.0.1:9/api/',
      fixAllowedUsers: [],
      allowedChannels: [],
      channelRepos: {},
    });
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).slack?.mode).toBe('socket');
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', SLACK_FIX_ALLOWED_USERS: 'U012ABC, W0ZZ9 ,' }).slack?.fixAllowedUsers).toEqual(['U012ABC', 'W0ZZ9']);
    expect(problems({ SLACK_FIX_ALLOWED_USERS: 'alice,bob' })).toEqual([
      'config: SLACK_FIX_ALLOWED_USERS must be a comma-separated list of Slack user ids such as U012ABCDEF,U034GHIJKL (got "alice,bob")',
    ]);
    expect(problems({ SLACK_SIGNING_SECRET: 's' })).toEqual(['config: SLACK_BOT_TOKEN is missing (SLACK_SIGNING_SECRET is set; Slack needs a bot token)']);
    expect(problems({ SLACK_BOT_TOKEN: 'xoxb-1' })).toEqual([
      'config: SLACK_SIGNING_SECRET is missing (SLACK_BOT_TOKEN is set; HTTP mode needs the signing secret, or set SLACK_APP_TOKEN for Socket Mode)',
    ]);
  });
});
