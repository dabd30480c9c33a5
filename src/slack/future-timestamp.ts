import type { IncomingMessage } from 'node:http';

/** Slack's replay window: a request more than 5 minutes from the local clock is refused. */
const WINDOW_SEC = 5 * 60;

/**
 * True when a request's `x-slack-request-timestamp` lies more than 5 minutes in the future. Bolt
 * refuses stale timestamps but accepts future ones; Slack's guide checks the absolute difference.
 */
export function futureTimestamp(req: IncomingMessage, nowMs: number): boolean {
  const header = req.headers['x-slack-request-timestamp'];
  const value = Number(Array.isArray(header) ? header[0] : header);
  return Number.isFinite(value) && value - Math.floor(nowMs / 1000) > WINDOW_SEC;
}
