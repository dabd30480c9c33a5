import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Config, SlackConfig } from '../config/config.js';
import type { FixPublisher } from '../service/fix-publisher.js';
import type { IncidentStore } from '../service/incident-store.js';
import type { DiagnoseInChannelDeps } from './diagnose-in-channel.js';
import type { MessageCache } from './message-cache.js';
import type { PendingWork } from './pending-work.js';

/** What every listener shares, built once by `slackApp`. */
export interface SlackRuntime {
  config: Pick<Config, 'maxLogBytes' | 'dedupeWindowHours' | 'githubEndpoints'> & { slack: SlackConfig };
  log: Logger;
  store: IncidentStore;
  cache: MessageCache;
  fixPublisher: FixPublisher | null;
  pending: PendingWork;
  now: () => number;
  /** The diagnosis flow's dependencies, posting with the listener's Web API client. */
  diagnoseDeps: (client: webApi.WebClient) => DiagnoseInChannelDeps;
}
