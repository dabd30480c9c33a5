import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { requestContext } from '../log/request-context.js';
import type { RequestIds } from '../log/request-context.js';
import type { Metrics } from '../metrics/create-metrics.js';
import type { ReadinessRegistry } from '../runtime/readiness-registry.js';
import type { RequestHandler } from './request-handler.js';
import { sendJson } from './send-json.js';

/** An adapter mounted on a path (exact) or a path prefix (`/slack` serves `/slack` and `/slack/...`). */
export interface Mount {
  name: string;
  path: string;
  prefix: boolean;
  handler: RequestHandler;
}

export interface HttpServerDeps {
  logger: Logger;
  metrics: Metrics;
  readiness: ReadinessRegistry;
  mounts: readonly Mount[];
  /** Request ids for requests that carry no usable X-Request-Id (randomness is passed in, STYLE §8). */
  newRequestId: () => string;
  now?: () => number;
}

const PROBES = new Set(['/healthz', '/readyz', '/metrics']);
const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The one HTTP server: health, readiness and metrics, then the mounted adapters, then 404.
 * Every request gets a child logger carrying its request id (and the GitHub delivery id when
 * present); a failure becomes a JSON 500 with the request id, never a stack trace or a crash.
 */
export function createHttpServer(deps: HttpServerDeps): Server {
  const now = deps.now ?? (() => performance.now());
  const server = createServer((req, res) => {
    const reqId = pickId(req.headers['x-request-id']) ?? deps.newRequestId();
    const delivery = pickId(req.headers['x-github-delivery']);
    const ids = delivery === undefined ? { reqId } : { reqId, delivery };
    requestContext.run(ids, () => void handle(req, res, ids));
  });
  server.headersTimeout = 20_000;
  server.requestTimeout = 60_000;
  server.keepAliveTimeout = 5_000;

  async function handle(req: IncomingMessage, res: ServerResponse, ids: RequestIds): Promise<void> {
    const started = now();
    const requestId = ids.reqId;
    const log = deps.logger.child(ids);
    const method = req.method ?? 'GET';
    res.setHeader('x-request-id', requestId);
    if (deps.readiness.shuttingDown) res.setHeader('connection', 'close');
    let path: string;
    try {
      path = new URL(req.url ?? '/', 'http://localhost').pathname;
    } catch {
      sendJson(res, 400, { error: 'bad-request', message: 'The request URL cannot be parsed.' });
      return;
    }
    res.on('finish', () => {
      const line = { method, path, status: res.statusCode, durationMs: Math.round((now() - started) * 10) / 10 };
      if (PROBES.has(path)) log.debug(line, 'request completed');
      else log.info(line, 'request completed');
    });
    try {
      const handled = await route(req, res, method, path, log);
      if (!handled) sendJson(res, 404, { error: 'not-found', message: 'No such endpoint.' });
    } catch (error) {
      log.error({ err: error, method, path }, 'request failed');
      sendJson(res, 500, { error: 'internal', message: 'The request failed; see the server log.', requestId });
    }
  }

  async function route(req: IncomingMessage, res: ServerResponse, method: string, path: string, log: Logger): Promise<boolean> {
    if (PROBES.has(path)) {
      if (method !== 'GET' && method !== 'HEAD') {
        sendJson(res, 405, { error: 'method-not-allowed', message: `Use GET ${path}.` }, { allow: 'GET, HEAD' });
        return true;
      }
      if (path === '/healthz') sendJson(res, 200, { status: 'ok' });
      else if (path === '/readyz') {
        const report = await deps.readiness.report();
        sendJson(res, report.status === 'ok' ? 200 : 503, report);
      } else {
        const text = await deps.metrics.registry.metrics();
        res.writeHead(200, { 'content-type': deps.metrics.registry.contentType });
        res.end(text);
      }
      return true;
    }
    for (const mount of deps.mounts) {
      const matches = mount.prefix ? path === mount.path || path.startsWith(`${mount.path}/`) : path === mount.path || path === `${mount.path}/`;
      if (matches) return mount.handler(req, res, log);
    }
    return false;
  }

  return server;
}

function pickId(header: string | string[] | undefined): string | undefined {
  return typeof header === 'string' && SAFE_ID.test(header) ? header : undefined;
}
