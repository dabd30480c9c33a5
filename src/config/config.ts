/** The validated configuration of the server and the worker. Built once by `loadConfig`. */
export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';

/** Where GitHub lives: github.com or a GitHub Enterprise Server (GHE_HOST / GHE_PROTOCOL). */
export interface GithubEndpoints {
  /** REST API base, e.g. https://api.github.com or https://ghe.example.com/api/v3. Use it for every call, log downloads included. */
  apiBaseUrl: string;
  /** Web base, e.g. https://github.com: app registration pages, links. */
  webBaseUrl: string;
  enterprise: boolean;
}

/** Present only when APP_ID, the private key and WEBHOOK_SECRET are all set. */
export interface GithubAppConfig {
  appId: number;
  /** PEM text (newlines restored, base64 decoded, or read from PRIVATE_KEY_PATH). */
  privateKey: string;
  webhookSecret: string;
  /** Signs the state in goarch's PR comments (STATE_KEY, else derived from the private key, so replicas agree). */
  stateKey: string;
}

/** Present only when Slack is configured. `mode` is socket when SLACK_APP_TOKEN is set. */
export interface SlackConfig {
  mode: 'http' | 'socket';
  botToken: string;
  /** Required in http mode. */
  signingSecret: string | null;
  /** Socket Mode app-level token (xapp-...). */
  appToken: string | null;
  /** Slack Web API base URL ending with '/', or null for https://slack.com/api/. */
  apiUrl: string | null;
  /** Slack user ids allowed to press "Open fix PR" (SLACK_FIX_ALLOWED_USERS); empty: nobody. */
  fixAllowedUsers: string[];
  /** Channel ids where goarch diagnoses (SLACK_ALLOWED_CHANNELS); empty: every channel. */
  allowedChannels: string[];
  /** Channel id → `owner/repo` or `owner/*` whose runs it may diagnose (SLACK_CHANNEL_REPOS); an unmapped channel: public repositories only. */
  channelRepos: Record<string, string[]>;
}

export interface Config {
  port: number;
  logLevel: LogLevel;
  /** null: JSON unless stdout is a terminal outside production. */
  logFormat: 'json' | 'pretty' | null;
  production: boolean;
  githubEndpoints: GithubEndpoints;
  github: GithubAppConfig | null;
  slack: SlackConfig | null;
  redisUrl: string | null;
  workerConcurrency: number;
  dedupeWindowHours: number;
  maxLogBytes: number;
  shutdownTimeoutMs: number;
}
