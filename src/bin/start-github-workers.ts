import type { Probot } from 'probot';
import type { GithubAppConfig } from '../config/config.js';
import type { RuleSet } from '../core/rules/rule-set.js';
import { GITHUB_JOB_KINDS } from '../github/github-job.js';
import { githubJobHandler } from '../github/github-job-handler.js';
import { JobRegistry } from '../service/job-registry.js';
import { requestContext } from '../log/request-context.js';
import { createStateSeal } from '../service/state-seal.js';
import type { ServiceContext } from '../runtime/service-context.js';
import type { Work } from './create-work.js';

/** Starts this process's workers on the queue: GitHub jobs, with the installation clients of `probot`. */
export async function startGithubWorkers(context: ServiceContext, work: Work, probot: Pick<Probot, 'auth'>, rules: RuleSet, github: GithubAppConfig): Promise<void> {
  const { config, logger, metrics } = context;
  const handle = githubJobHandler({
    probot,
    store: work.store,
    rules,
    metrics,
    logger: logger.child({ component: 'github-jobs' }),
    maxLogBytes: config.maxLogBytes,
    windowMs: config.dedupeWindowHours * 60 * 60 * 1000,
    queue: work.queue,
    appId: github.appId,
    seal: createStateSeal(github.stateKey),
  });
  // The queue runs each job by its kind: the GitHub adapter registers its kinds (another host or chat tool registers its own).
  const registry = new JobRegistry();
  registry.register(GITHUB_JOB_KINDS, handle);
  await work.queue.process(
    async (job) => {
      try {
        // Jobs start from whatever request or job ran before them: none of those ids belong on their lines.
        await requestContext.exit(() => registry.dispatch(job));
      } finally {
        work.queue.depth().then(
          (depth) => metrics.queueDepth.set(depth),
          () => undefined,
        );
      }
    },
    { concurrency: config.workerConcurrency },
  );
  logger.info({ concurrency: config.workerConcurrency }, 'workers started');
}
