import { ConfigError } from '../config/config-error.js';
import type { ServiceContext } from '../runtime/service-context.js';
import { createProbot } from '../github/create-probot.js';
import { loadRuleSet } from '../service/load-rule-set.js';
import type { CreateContextOptions } from './create-context.js';
import { createContext } from './create-context.js';
import { createWork } from './create-work.js';
import { registerGithubJobs } from './register-github-jobs.js';
import { startWorkers } from './start-workers.js';
import { JobRegistry } from '../service/job-registry.js';
import type { WorkOverrides } from './create-work.js';

export interface RunningWorker {
  context: ServiceContext;
  logger: ServiceContext['logger'];
  close: () => Promise<string[]>;
}

/**
 * The composition root of `npm run worker`. Without REDIS_URL there is nothing to share: jobs run
 * inside `npm start`, so this refuses to start.
 */
export async function startWorker(options: CreateContextOptions & WorkOverrides): Promise<RunningWorker> {
  // 1. Refuse early, before any connection, when there is no Redis to take jobs from.
  if (options.env.REDIS_URL === undefined || options.env.REDIS_URL.trim() === '') {
    throw new ConfigError(['config: REDIS_URL is not set; `npm run worker` takes jobs from Redis. Without Redis, jobs run inside `npm start` and no separate worker is needed']);
  }
  // 2. Config, logger, metrics, registries, Redis.
  const context = createContext(options);
  const { logger, config, closers } = context;
  // 3. Incident store and job queue on Redis; the rules, loaded once.
  const work = await createWork(context, options);
  const rules = loadRuleSet();
  const registry = new JobRegistry();
  // 4. Job handlers: GitHub jobs, with installation clients of the app.
  if (config.github === null) {
    logger.warn({}, 'GitHub App not configured: this worker takes no GitHub jobs (set APP_ID, PRIVATE_KEY and WEBHOOK_SECRET)');
  } else {
    const probot = createProbot({
      app: config.github,
      endpoints: config.githubEndpoints,
      logger,
      onApiError: (status) => context.metrics.githubApiErrors.inc({ status }),
      ...(options.githubOctokit === undefined ? {} : { Octokit: options.githubOctokit }),
    });
    registerGithubJobs(registry, context, work, probot, rules, config.github);
  }
  // 5. Take jobs of every registered kind.
  if (registry.kinds().length > 0) await startWorkers(context, work, registry);
  logger.info({ concurrency: config.workerConcurrency }, 'worker started');
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
