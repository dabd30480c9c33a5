import { createNodeMiddleware } from 'probot';
import type { ApplicationFunction, Probot, ProbotOctokit } from 'probot';
import type { Logger } from 'pino';
import type { GithubAppConfig, GithubEndpoints } from '../config/config.js';
import type { Metrics } from '../metrics/create-metrics.js';
import type { RequestHandler } from '../server/request-handler.js';
import { sendJson } from '../server/send-json.js';
import { countWebhook } from './count-webhook.js';
import { createProbot } from './create-probot.js';
import { readBody } from './read-body.js';
import { WEBHOOK_PATH } from './webhook-path.js';

/** The events goarch subscribes to are a few KB; anything over 1 MB is refused before it is buffered (GitHub's own cap is 25 MB). */
export const MAX_WEBHOOK_BYTES = 1024 * 1024;

export interface MountGithubDeps {
  app: GithubAppConfig;
  endpoints: GithubEndpoints;
  logger: Logger;
  metrics: Metrics;
  /** The Probot application function (`githubApp(...)`). */
  appFn: ApplicationFunction;
  /** The Octokit class; Probot's by default. */
  Octokit?: typeof ProbotOctokit;
}

/**
 * The Probot app behind `/api/github/webhooks`. Probot (@octokit/webhooks) verifies the
 * `x-hub-signature-256` HMAC before any handler runs: an unsigned delivery is answered 400.
 * Every Octokit it creates uses `endpoints.apiBaseUrl`, so GHE_HOST applies to every call.
 */
export async function mountGithub(deps: MountGithubDeps): Promise<{ handler: RequestHandler; probot: Probot }> {
  const probot = createProbot({
    app: deps.app,
    endpoints: deps.endpoints,
    logger: deps.logger,
    onApiError: (status) => deps.metrics.githubApiErrors.inc({ status }),
    ...(deps.Octokit === undefined ? {} : { Octokit: deps.Octokit }),
  });
  const middleware = await createNodeMiddleware(deps.appFn, { probot, webhooksPath: WEBHOOK_PATH });
  const handler: RequestHandler = async (req, res) => {
    countWebhook(deps.metrics, req, res);
    if (req.method === 'POST') {
      if (typeof req.headers['x-github-event'] !== 'string' || req.headers['x-github-event'] === '') {
        sendJson(res, 400, { error: 'missing-event', message: 'A webhook delivery needs an x-github-event header.' }, { connection: 'close' });
        return true;
      }
      const body = await readBody(req, MAX_WEBHOOK_BYTES);
      if (body === null) {
        sendJson(res, 413, { error: 'payload-too-large', message: 'Webhook payloads are limited to 1 MB.' }, { connection: 'close' });
        return true;
      }
      req.body = body.toString('utf8');
    }
    return Boolean(await middleware(req, res));
  };
  return { handler, probot };
}
