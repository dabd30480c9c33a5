import type { Server } from 'node:http';
import type { ServiceContext } from '../runtime/service-context.js';

/**
 * Graceful shutdown, bounded by SHUTDOWN_TIMEOUT_MS:
 * 1. report not ready, 2. stop accepting and wait for in-flight requests, 3. run the closers
 * (queue, Redis...), 4. past the deadline, cut the remaining connections.
 * Resolves the names of what did not finish in time.
 */
export async function stopServer(server: Server, context: ServiceContext, now: () => number = Date.now): Promise<string[]> {
  const { logger, readiness, closers, config } = context;
  const deadline = now() + config.shutdownTimeoutMs;
  logger.info({ timeoutMs: config.shutdownTimeoutMs }, 'shutdown started');
  readiness.markShuttingDown();
  const unfinished: string[] = [];
  const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
  // Keep-alive sockets that go idle after their last response are closed as soon as they do.
  server.closeIdleConnections();
  const sweeper = setInterval(() => server.closeIdleConnections(), 50);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), Math.max(0, deadline - now()));
  });
  if ((await Promise.race([serverClosed.then(() => 'closed' as const), timedOut])) === 'timeout') {
    unfinished.push('http-requests');
    logger.warn({}, 'in-flight requests did not finish before the shutdown deadline');
  }
  clearTimeout(timer);
  clearInterval(sweeper);
  unfinished.push(...(await closers.closeAll(deadline, logger, now)));
  server.closeAllConnections();
  logger.info({ unfinished }, 'shutdown finished');
  return unfinished;
}
