import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Metrics, WebhookOutcome } from '../metrics/create-metrics.js';
import { webhookEventLabel } from '../server/webhook-event-label.js';

/** Counts the delivery in `goarch_webhooks_received_total` once its answer has been sent. */
export function countWebhook(metrics: Metrics, req: IncomingMessage, res: ServerResponse, fixedOutcome?: WebhookOutcome): void {
  res.once('finish', () => {
    const outcome: WebhookOutcome = fixedOutcome ?? (res.statusCode < 400 ? 'accepted' : res.statusCode < 500 ? 'rejected' : 'failed');
    metrics.webhooksReceived.inc({ event: webhookEventLabel(req.headers['x-github-event']), outcome });
  });
}
