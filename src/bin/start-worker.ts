import { ConfigError } from '../config/config-error.js';
import type { ServiceContext } from '../runtime/service-context.js';
import type { CreateContextOptions } from './create-context.js';
import { createContext } from './create-context.js';

export interface RunningWorker {
  context: ServiceContext;
  logger: ServiceContext['logger'];
  close: () => Promise<string[]>;
}

/**
 * The composition root of `npm run worker`. Without REDIS_URL there is nothing to share: jobs run
 * inside `npm start`, so this refuses to start. The queue adapter (issue 6) attaches its BullMQ
 * worker here and registers its closer.
 */
export async function startWorker(options: CreateContextOptions): Promise<RunningWorker> {
  // 1. Refuse early, before any connection, when there is no Redis to take jobs from.
  if (options.env.REDIS_URL === undefined || options.env.REDIS_URL.trim() === '') {
    throw new ConfigError(['config: REDIS_URL is not set; `npm run worker` takes jobs from Redis. Without Redis, jobs run inside `npm start` and no separate worker is needed']);
  }
  // 2. Config, logger, metrics, registries, Redis.
  const context = createContext(options);
  const { logger, config, closers } = context;
  // 3. Job processors: none yet (issue 6).
  logger.warn({ concurrency: config.workerConcurrency }, 'worker started with no job processors yet: it only holds its Redis connection');
  return {
    context,
    logger,
    close: async () => {
      logger.info({}, 'shutdown started');
      const unfinished = await closers.closeAll(Date.now() + config.shutdownTimeoutMs, logger);
      logger.info({ unfinished }, 'shutdown finished');
      return unfinished;
    },
  };
}
