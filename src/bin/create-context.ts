import type { DestinationStream } from 'pino';
import { loadConfig } from '../config/load-config.js';
import type { Env } from '../config/read-env.js';
import { createLogger } from '../log/create-logger.js';
import { createMetrics } from '../metrics/create-metrics.js';
import { createRedisConnection } from '../redis/create-redis-connection.js';
import { CloserRegistry } from '../runtime/closer-registry.js';
import { ReadinessRegistry } from '../runtime/readiness-registry.js';
import type { ServiceContext } from '../runtime/service-context.js';

export interface CreateContextOptions {
  env: Env;
  /** Whether stdout is a terminal (pretty logs outside production). */
  stdoutIsTty?: boolean;
  /** Log destination for tests. */
  logDestination?: DestinationStream;
}

/** Builds what every process shares: config, logger, metrics, closers, readiness, Redis. Throws ConfigError. */
export function createContext(options: CreateContextOptions): ServiceContext {
  // 1. Parse the environment (throws a ConfigError listing every bad variable).
  const config = loadConfig(options.env);
  // 2. Logger and metrics.
  const pretty = config.logFormat === null ? options.stdoutIsTty === true && !config.production && options.logDestination === undefined : config.logFormat === 'pretty';
  const logger = createLogger({ level: config.logLevel, pretty, ...(options.logDestination ? { destination: options.logDestination } : {}) });
  const metrics = createMetrics();
  // 3. Registries that adapters add their closers and readiness checks to.
  const closers = new CloserRegistry();
  const readiness = new ReadinessRegistry();
  // 4. Redis, when configured.
  let redis: ServiceContext['redis'] = null;
  if (config.redisUrl === null) {
    readiness.add('redis', () => 'not-configured');
    logger.info({}, 'REDIS_URL is not set: incidents are kept in memory and jobs run in this process');
  } else {
    const connection = createRedisConnection(config.redisUrl, logger);
    readiness.add('redis', connection.check);
    closers.add('redis', connection.close);
    redis = connection.client;
  }
  return { config, logger, metrics, closers, readiness, redis };
}
