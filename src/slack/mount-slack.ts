import { App, ErrorCode, HTTPReceiver, webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { SlackConfig } from '../config/config.js';
import type { RequestHandler } from '../server/request-handler.js';
import { sendJson } from '../server/send-json.js';
import { boltLogger } from './bolt-logger.js';
import { cachedAuthorize } from './cached-authorize.js';
import { futureTimestamp } from './future-timestamp.js';

/** Slack request URLs: events, slash commands and interactivity may all point at /slack/events. */
export const SLACK_ENDPOINTS = ['/slack/events', '/slack/commands', '/slack/actions'] as const;

export interface SlackMount {
  /** Serves /slack/* in HTTP mode; null in Socket Mode. */
  handler: RequestHandler | null;
  /** Connects Socket Mode; nothing to do in HTTP mode. */
  start: () => Promise<void>;
  stop: () => Promise<void>;
}

/**
 * The Bolt app, in HTTP mode behind the one server (Bolt's HTTPReceiver verifies the signature and
 * the 5-minute timestamp window) or in Socket Mode when SLACK_APP_TOKEN is set.
 * The bot token is checked with auth.test on first use, not at start, so a start never needs Slack,
 * and its answer is kept (`cachedAuthorize`): one auth.test per process, not one per request.
 */
export function mountSlack(config: SlackConfig, logger: Logger, register: (app: App) => void): SlackMount {
  const log = boltLogger(logger);
  const clientOptions = config.apiUrl === null ? {} : { clientOptions: { slackApiUrl: config.apiUrl } };
  const authClient = new webApi.WebClient(undefined, { logger: log, ...(config.apiUrl === null ? {} : { slackApiUrl: config.apiUrl }) });
  const authorize = cachedAuthorize(authClient, config.botToken);
  if (config.mode === 'socket' && config.appToken !== null) {
    const app = new App({ authorize, appToken: config.appToken, socketMode: true, logger: log, ...clientOptions });
    register(app);
    return { handler: null, start: async () => void (await app.start()), stop: async () => void (await app.stop()) };
  }
  const receiver = new HTTPReceiver({
    signingSecret: config.signingSecret ?? '',
    endpoints: [...SLACK_ENDPOINTS],
    logger: log,
    processBeforeResponse: false,
  });
  const app = new App({ authorize, receiver, logger: log, ...clientOptions });
  register(app);
  const handler: RequestHandler = async (req, res) => {
    if (futureTimestamp(req, Date.now())) {
      req.resume();
      sendJson(res, 401, { error: 'slack-timestamp', message: 'x-slack-request-timestamp is more than 5 minutes from the server clock.' });
      return true;
    }
    try {
      receiver.requestListener(req, res);
      return true;
    } catch (error) {
      // Bolt throws this for a path it does not serve, so the server can answer 404.
      if ((error as { code?: string }).code === ErrorCode.HTTPReceiverDeferredRequestError) return false;
      throw error;
    }
  };
  return { handler, start: async () => undefined, stop: async () => undefined };
}
