import type { App } from '@slack/bolt';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Config, SlackConfig } from '../config/config.js';
import type { RuleSet } from '../core/rules/rule-set.js';
import type { Metrics } from '../metrics/create-metrics.js';
import type { FixPublisher } from '../service/fix-publisher.js';
import type { RunDiagnoser } from '../service/run-diagnoser.js';
import type { IncidentStore } from '../service/incident-store.js';
import { ACTION_IDS } from './action-ids.js';
import { actionListener } from './action-listener.js';
import { commandListener } from './command-listener.js';
import { memoryMessageCache } from './memory-message-cache.js';
import { mentionListener } from './mention-listener.js';
import type { MessageCache } from './message-cache.js';
import { PendingWork } from './pending-work.js';
import { redisMessageCache } from './redis-message-cache.js';
import { slackChannelOutput } from './slack-channel-output.js';
import type { SlackRuntime } from './slack-runtime.js';

export interface SlackAppDeps {
  config: Pick<Config, 'maxLogBytes' | 'dedupeWindowHours' | 'githubEndpoints'> & { slack: SlackConfig };
  logger: Logger;
  metrics: Metrics;
  store: IncidentStore;
  rules: RuleSet;
  /** The process's Redis (diagnosis messages for "Show fix commands", shared by replicas); null: memory. */
  redis: Redis | null;
  /** Diagnoses a run named by a URL (the composition root builds it over the GitHub App); null when no CI host is configured. */
  diagnoseRun: RunDiagnoser | null;
  /** Opens fix pull requests (issue 8); null until it exists. */
  fixPublisher: FixPublisher | null;
  /** Redis key namespace (default `goarch`). */
  redisPrefix?: string;
  /** Test seams. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  fetch?: typeof fetch;
}

export interface SlackListeners {
  /** Registers the listeners on a Bolt app (`mountSlack`'s third argument). */
  register: (app: App) => void;
  /** Waits for the work started after acks (a closer). */
  drain: () => Promise<void>;
}

/**
 * goarch's Slack listeners, each answering within Slack's 3 seconds and diagnosing after the ack:
 * `/goarch help | stats | diagnose <URL> | diagnose <pasted log>`, `@goarch` mentions (a log file or
 * `diagnose <URL>`, answered in the thread), and the buttons of a diagnosis message.
 */
export function slackApp(deps: SlackAppDeps): SlackListeners {
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const windowMs = deps.config.dedupeWindowHours * 60 * 60 * 1000;
  const memory = memoryMessageCache({ now });
  const cache: MessageCache = deps.redis === null ? memory : redisMessageCache(deps.redis, { fallback: memory, ...(deps.redisPrefix === undefined ? {} : { prefix: deps.redisPrefix }) });
  const pending = new PendingWork();
  const rt: SlackRuntime = {
    config: deps.config,
    log: deps.logger.child({ component: 'slack' }),
    store: deps.store,
    cache,
    fixPublisher: deps.fixPublisher,
    pending,
    now,
    diagnoseDeps: (client) => ({
      rules: deps.rules,
      store: deps.store,
      metrics: deps.metrics,
      outputFor: (channel) => slackChannelOutput({ client, channel, cache, ttlMs: windowMs }),
      diagnoseRun: deps.diagnoseRun,
      access: deps.config.slack,
      webBaseUrl: deps.config.githubEndpoints.webBaseUrl,
      maxLogBytes: deps.config.maxLogBytes,
      windowMs,
      botToken: deps.config.slack.botToken,
      fetch: deps.fetch ?? globalThis.fetch,
      now,
      sleep,
    }),
  };
  const register = (app: App) => {
    app.command('/goarch', commandListener(rt));
    app.event('app_mention', mentionListener(rt));
    app.action({ type: 'block_actions', action_id: new RegExp(`^(${Object.values(ACTION_IDS).join('|')})$`) }, actionListener(rt));
  };
  return { register, drain: () => pending.drain() };
}
