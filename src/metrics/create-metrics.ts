import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { FAILURE_CLASSES } from '../core/model/index.js';

/** Outcome of one webhook delivery as answered over HTTP. */
export type WebhookOutcome = 'accepted' | 'rejected' | 'failed' | 'not-configured';

/**
 * The Prometheus registry of one process and every goarch metric in it. Built once by the
 * composition root and handed to adapters, which increment what they observe.
 */
export function createMetrics(options: { processMetrics?: boolean } = {}) {
  const registry = new Registry();
  if (options.processMetrics !== false) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const incidents = new Counter({
    name: 'goarch_incidents_total',
    help: 'Architecture incidents found, by failure class.',
    labelNames: ['class'] as const,
    registers,
  });
  for (const failureClass of FAILURE_CLASSES) incidents.inc({ class: failureClass }, 0);
  return {
    registry,
    /** Labels: event (a known GitHub event name or "other"), outcome (WebhookOutcome). Counted by the server. */
    webhooksReceived: new Counter({
      name: 'goarch_webhooks_received_total',
      help: 'GitHub webhook deliveries received, by event and outcome.',
      labelNames: ['event', 'outcome'] as const,
      registers,
    }),
    /** Label: class (a FailureClass). */
    incidents,
    dedupeHits: new Counter({ name: 'goarch_dedupe_hits_total', help: 'Incidents folded into an earlier one instead of posted anew.', registers }),
    /** Jobs waiting to run (waiting + delayed). Set by the queue adapter. */
    queueDepth: new Gauge({ name: 'goarch_queue_depth', help: 'Jobs waiting in the queue.', registers }),
    logBytesScanned: new Counter({ name: 'goarch_log_bytes_scanned_total', help: 'Bytes of CI log scanned.', registers }),
    scanDuration: new Histogram({
      name: 'goarch_scan_duration_seconds',
      help: 'Time to scan one log.',
      buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    }),
    /** Label: status (the HTTP status as a string, or "network"). */
    githubApiErrors: new Counter({
      name: 'goarch_github_api_errors_total',
      help: 'GitHub API calls that failed, by HTTP status.',
      labelNames: ['status'] as const,
      registers,
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
