import { Probot } from 'probot';
import type { ProbotOctokit } from 'probot';
import type { Logger } from 'pino';
import type { GithubAppConfig, GithubEndpoints } from '../config/config.js';
import { countingFetch } from './counting-fetch.js';

export interface CreateProbotOptions {
  app: GithubAppConfig;
  endpoints: GithubEndpoints;
  logger: Logger;
  /** The Octokit class (Probot's by default: retry and throttling). Tests pass one with faster retries. */
  Octokit?: typeof ProbotOctokit;
  /** Called with the status of every failed GitHub call attempt (metrics). */
  onApiError?: (status: string) => void;
}

/** The one Probot of a process: webhooks in the server, installation clients (`probot.auth(id)`) in workers. Every call goes to `endpoints.apiBaseUrl` (GHE). */
export function createProbot(options: CreateProbotOptions): Probot {
  return new Probot({
    appId: options.app.appId,
    privateKey: options.app.privateKey,
    secret: options.app.webhookSecret,
    baseUrl: options.endpoints.apiBaseUrl,
    log: options.logger.child({ component: 'probot' }),
    ...(options.Octokit === undefined ? {} : { Octokit: options.Octokit }),
    ...(options.onApiError === undefined ? {} : { request: { fetch: countingFetch(options.onApiError) } }),
  });
}
