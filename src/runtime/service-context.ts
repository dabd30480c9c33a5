import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import type { Metrics } from '../metrics/create-metrics.js';
import type { CloserRegistry } from './closer-registry.js';
import type { ReadinessRegistry } from './readiness-registry.js';

/**
 * What the composition root hands to every adapter it builds: the configuration, the process's
 * logger and metrics, where to register closers and readiness checks, and the shared Redis
 * connection (null without REDIS_URL).
 */
export interface ServiceContext {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  closers: CloserRegistry;
  readiness: ReadinessRegistry;
  redis: Redis | null;
}
