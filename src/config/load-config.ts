import { createHmac, createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Config, GithubAppConfig, GithubEndpoints, LogLevel, SlackConfig } from './config.js';
import { ConfigError } from './config-error.js';
import type { Env } from './read-env.js';

const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const satisfies readonly LogLevel[];
const MIB = 1024 * 1024;

const digits = (min: number, max: number) =>
  z.string().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(min).max(max));
const url = (protocols: readonly string[]) =>
  z.string().refine((value) => {
    try {
      return protocols.includes(new URL(value).protocol);
    } catch {
      return false;
    }
  });

/**
 * One entry per variable: its schema, what a good value looks like (the error text), and whether
 * its value may be echoed back in an error line (never for secrets and URLs that may carry passwords).
 */
const VARIABLES = {
  PORT: { schema: digits(1, 65535), expect: 'must be an integer 1-65535', echo: true },
  LOG_LEVEL: { schema: z.enum(LOG_LEVELS), expect: `must be one of ${LOG_LEVELS.join(', ')}`, echo: true },
  LOG_FORMAT: { schema: z.enum(['json', 'pretty']), expect: 'must be "json" or "pretty"', echo: true },
  NODE_ENV: { schema: z.string(), expect: 'must be a string', echo: true },
  APP_ID: { schema: digits(1, Number.MAX_SAFE_INTEGER), expect: 'must be a positive integer (the App ID on the GitHub App settings page)', echo: true },
  PRIVATE_KEY: { schema: z.string(), expect: 'must be a PEM private key', echo: false },
  PRIVATE_KEY_PATH: { schema: z.string(), expect: 'must be a file path', echo: true },
  WEBHOOK_SECRET: { schema: z.string(), expect: 'must be a string', echo: false },
  STATE_KEY: { schema: z.string().min(32), expect: 'must be at least 32 characters (the key that signs the state in goarch\'s comments; default: derived from the private key)', echo: false },
  GHE_HOST: {
    schema: z.string().regex(/^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::\d{1,5})?$/),
    expect: 'must be a host name such as github.example.com (no scheme, no path)',
    echo: true,
  },
  GHE_PROTOCOL: { schema: z.enum(['https', 'http']), expect: 'must be "https" or "http"', echo: true },
  SLACK_SIGNING_SECRET: { schema: z.string(), expect: 'must be a string', echo: false },
  SLACK_BOT_TOKEN: { schema: z.string().startsWith('xox'), expect: 'must be a Slack bot token (xoxb-...)', echo: false },
  SLACK_APP_TOKEN: { schema: z.string().startsWith('xapp-'), expect: 'must be a Slack app-level token starting with "xapp-"', echo: false },
  SLACK_API_URL: { schema: url(['https:', 'http:']), expect: 'must be an http(s) URL such as https://slack.com/api/', echo: true },
  SLACK_FIX_ALLOWED_USERS: {
    schema: z
      .string()
      .regex(/^\s*[UW][A-Z0-9]{2,}\s*(,\s*[UW][A-Z0-9]{2,}\s*)*,?\s*$/)
      .transform((list) => list.split(',').map((id) => id.trim()).filter((id) => id !== '')),
    expect: 'must be a comma-separated list of Slack user ids such as U012ABCDEF,U034GHIJKL',
    echo: true,
  },
  SLACK_ALLOWED_CHANNELS: {
    schema: z
      .string()
      .regex(/^\s*[CGD][A-Z0-9]{2,}\s*(,\s*[CGD][A-Z0-9]{2,}\s*)*,?\s*$/)
      .transform((list) => list.split(',').map((id) => id.trim()).filter((id) => id !== '')),
    expect: 'must be a comma-separated list of Slack channel ids such as C012ABCDEF,G034GHIJKL',
    echo: true,
  },
  SLACK_CHANNEL_REPOS: {
    schema: z
      .string()
      .regex(/^\s*[CGD][A-Z0-9]{2,}=[A-Za-z0-9-]+\/(\*|[A-Za-z0-9._-]+)\s*(,\s*[CGD][A-Z0-9]{2,}=[A-Za-z0-9-]+\/(\*|[A-Za-z0-9._-]+)\s*)*,?\s*$/)
      .transform((list) => {
        const map: Record<string, string[]> = {};
        for (const item of list.split(',').map((i) => i.trim()).filter((i) => i !== '')) {
          const [channel = '', repo = ''] = item.split('=');
          (map[channel] ??= []).push(repo);
        }
        return map;
      }),
    expect: 'must be a comma-separated list of CHANNEL_ID=owner/repo or CHANNEL_ID=owner/* such as C012ABCDEF=acme/gdu,C012ABCDEF=acme/tools',
    echo: true,
  },
  REDIS_URL: { schema: url(['redis:', 'rediss:']), expect: 'must be a redis:// or rediss:// URL', echo: false },
  WORKER_CONCURRENCY: { schema: digits(1, 256), expect: 'must be an integer 1-256', echo: true },
  DEDUPE_WINDOW_HOURS: {
    schema: z.string().regex(/^\d+(\.\d+)?$/).transform(Number).pipe(z.number().gt(0).max(24 * 90)),
    expect: 'must be a number of hours greater than 0 and at most 2160',
    echo: true,
  },
  MAX_LOG_BYTES: { schema: digits(1024, 10 * 1024 * MIB), expect: 'must be a whole number of bytes 1024-10737418240', echo: true },
  SHUTDOWN_TIMEOUT_MS: { schema: digits(0, 600_000), expect: 'must be an integer number of milliseconds 0-600000', echo: true },
} as const;

type Name = keyof typeof VARIABLES;
type Values = { [K in Name]?: z.output<(typeof VARIABLES)[K]['schema']> };

export interface LoadConfigOptions {
  /** Reads PRIVATE_KEY_PATH; injected by tests. */
  readFile?: (path: string) => string;
}

/**
 * Parses and validates the environment once (STYLE §8).
 * Throws a `ConfigError` that lists every bad or missing variable, one line each; never echoes a secret.
 */
export function loadConfig(env: Env, options: LoadConfigOptions = {}): Config {
  const problems: string[] = [];
  const values = parseVariables(env, problems);
  const githubEndpoints = resolveGithubEndpoints(values);
  const github = resolveGithubApp(values, options.readFile ?? ((path) => readFileSync(path, 'utf8')), problems);
  const slack = resolveSlack(values, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port: values.PORT ?? 3000,
    logLevel: values.LOG_LEVEL ?? 'info',
    logFormat: values.LOG_FORMAT ?? null,
    production: values.NODE_ENV === 'production',
    githubEndpoints,
    github,
    slack,
    redisUrl: values.REDIS_URL ?? null,
    workerConcurrency: values.WORKER_CONCURRENCY ?? 4,
    dedupeWindowHours: values.DEDUPE_WINDOW_HOURS ?? 24,
    maxLogBytes: values.MAX_LOG_BYTES ?? 100 * MIB,
    shutdownTimeoutMs: values.SHUTDOWN_TIMEOUT_MS ?? 10_000,
  };
}

function parseVariables(env: Env, problems: string[]): Values {
  const values: Record<string, unknown> = {};
  for (const name of Object.keys(VARIABLES) as Name[]) {
    const raw = env[name];
    // Blank counts as unset: `.env` templates and compose files often carry `NAME=`.
    if (raw === undefined || raw.trim() === '') continue;
    const variable = VARIABLES[name];
    const result = variable.schema.safeParse(raw.trim());
    if (result.success) values[name] = result.data;
    else problems.push(`config: ${name} ${variable.expect}${variable.echo ? ` (got ${JSON.stringify(clip(raw))})` : ''}`);
  }
  return values as Values;
}

function resolveGithubEndpoints(values: Values): GithubEndpoints {
  if (values.GHE_HOST === undefined) {
    return { apiBaseUrl: 'https://api.github.com', webBaseUrl: 'https://github.com', enterprise: false };
  }
  const webBaseUrl = `${values.GHE_PROTOCOL ?? 'https'}://${values.GHE_HOST}`;
  return { apiBaseUrl: `${webBaseUrl}/api/v3`, webBaseUrl, enterprise: true };
}

function resolveGithubApp(values: Values, readFile: (path: string) => string, problems: string[]): GithubAppConfig | null {
  const { APP_ID: appId, PRIVATE_KEY: inlineKey, PRIVATE_KEY_PATH: keyPath, WEBHOOK_SECRET: webhookSecret } = values;
  if (appId === undefined && inlineKey === undefined && keyPath === undefined && webhookSecret === undefined) return null;
  if (inlineKey !== undefined && keyPath !== undefined) {
    problems.push('config: PRIVATE_KEY and PRIVATE_KEY_PATH are both set; set only one');
    return null;
  }
  const privateKey = inlineKey !== undefined ? readInlineKey(inlineKey, problems) : keyPath !== undefined ? readKeyFile(keyPath, readFile, problems) : undefined;
  const set = [
    appId !== undefined ? 'APP_ID' : null,
    inlineKey !== undefined ? 'PRIVATE_KEY' : keyPath !== undefined ? 'PRIVATE_KEY_PATH' : null,
    webhookSecret !== undefined ? 'WEBHOOK_SECRET' : null,
  ].filter((name) => name !== null);
  const partial = `(the GitHub App is partly configured: ${set.join(', ')} ${set.length === 1 ? 'is' : 'are'} set; set all three or none)`;
  if (appId === undefined) problems.push(`config: APP_ID is missing ${partial}`);
  if (inlineKey === undefined && keyPath === undefined) problems.push(`config: PRIVATE_KEY or PRIVATE_KEY_PATH is missing ${partial}`);
  if (webhookSecret === undefined) problems.push(`config: WEBHOOK_SECRET is missing ${partial}`);
  if (appId === undefined || privateKey === undefined || webhookSecret === undefined) return null;
  const stateKey = values.STATE_KEY ?? createHmac('sha256', privateKey).update('goarch comment state key').digest('hex');
  return { appId, privateKey, webhookSecret, stateKey };
}

/** Accepts PEM text, PEM with literal `\n` (single-line env files), or base64 of PEM (as Probot does). */
function readInlineKey(value: string, problems: string[]): string | undefined {
  const decoded = value.includes('-----BEGIN') ? value.replace(/\\n/g, '\n') : Buffer.from(value, 'base64').toString('utf8');
  const text = decoded.endsWith('\n') ? decoded : `${decoded}\n`;
  if (isPrivateKey(text)) return text;
  problems.push('config: PRIVATE_KEY must be a PEM private key ("-----BEGIN RSA PRIVATE KEY-----...", newlines may be written as \\n) or its base64 encoding');
  return undefined;
}

function readKeyFile(path: string, readFile: (path: string) => string, problems: string[]): string | undefined {
  let text: string;
  try {
    text = readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    problems.push(`config: PRIVATE_KEY_PATH cannot be read: ${code} (got ${JSON.stringify(clip(path))})`);
    return undefined;
  }
  if (isPrivateKey(text)) return text;
  problems.push(`config: PRIVATE_KEY_PATH must name a PEM private key file (got ${JSON.stringify(clip(path))})`);
  return undefined;
}

function isPrivateKey(pem: string): boolean {
  try {
    return createPrivateKey(pem).type === 'private';
  } catch {
    return false;
  }
}

function resolveSlack(values: Values, problems: string[]): SlackConfig | null {
  const { SLACK_BOT_TOKEN: botToken, SLACK_SIGNING_SECRET: signingSecret, SLACK_APP_TOKEN: appToken, SLACK_API_URL: apiUrl, SLACK_FIX_ALLOWED_USERS: fixAllowedUsers, SLACK_ALLOWED_CHANNELS: allowedChannels, SLACK_CHANNEL_REPOS: channelRepos } = values;
  if (botToken === undefined && signingSecret === undefined && appToken === undefined) return null;
  const missing = (name: string, why: string) => problems.push(`config: ${name} is missing (${why})`);
  if (botToken === undefined) {
    missing('SLACK_BOT_TOKEN', `${signingSecret !== undefined ? 'SLACK_SIGNING_SECRET' : 'SLACK_APP_TOKEN'} is set; Slack needs a bot token`);
    return null;
  }
  if (signingSecret === undefined && appToken === undefined) {
    missing('SLACK_SIGNING_SECRET', 'SLACK_BOT_TOKEN is set; HTTP mode needs the signing secret, or set SLACK_APP_TOKEN for Socket Mode');
    return null;
  }
  return {
    mode: appToken !== undefined ? 'socket' : 'http',
    botToken,
    signingSecret: signingSecret ?? null,
    appToken: appToken ?? null,
    apiUrl: apiUrl === undefined ? null : apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`,
    fixAllowedUsers: fixAllowedUsers ?? [],
    allowedChannels: allowedChannels ?? [],
    channelRepos: channelRepos ?? {},
  };
}

function clip(value: string): string {
  return value.length > 60 ? `${value.slice(0, 57)}...` : value;
}
