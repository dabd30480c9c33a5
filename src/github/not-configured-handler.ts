import type { Metrics } from '../metrics/create-metrics.js';
import type { RequestHandler } from '../server/request-handler.js';
import { sendJson } from '../server/send-json.js';
import { countWebhook } from './count-webhook.js';

/** Answers webhook deliveries while APP_ID, PRIVATE_KEY and WEBHOOK_SECRET are unset. */
export function notConfiguredHandler(metrics: Metrics): RequestHandler {
  return async (req, res) => {
    countWebhook(metrics, req, res, 'not-configured');
    req.resume();
    sendJson(res, 503, {
      error: 'github-app-not-configured',
      message: 'The GitHub App is not configured: set APP_ID, PRIVATE_KEY (or PRIVATE_KEY_PATH) and WEBHOOK_SECRET, then restart. Open /setup on this server to register the app from app.yml, or see "Register the GitHub App" in the README.',
    });
    return true;
  };
}
