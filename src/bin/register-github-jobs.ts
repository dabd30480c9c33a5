import type { Probot } from 'probot';
import type { GithubAppConfig } from '../config/config.js';
import type { RuleSet } from '../core/rules/rule-set.js';
import { GITHUB_JOB_KINDS } from '../github/github-job.js';
import { githubJobHandler } from '../github/github-job-handler.js';
import type { ServiceContext } from '../runtime/service-context.js';
import type { JobRegistry } from '../service/job-registry.js';
import { createStateSeal } from '../service/state-seal.js';
import type { Work } from './create-work.js';

/** Registers the GitHub adapter's job kinds, run with the installation clients of `probot`. */
export function registerGithubJobs(registry: JobRegistry, context: ServiceContext, work: Work, probot: Pick<Probot, 'auth'>, rules: RuleSet, github: GithubAppConfig): void {
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
  registry.register(GITHUB_JOB_KINDS, handle);
}
