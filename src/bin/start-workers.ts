import { requestContext } from '../log/request-context.js';
import type { ServiceContext } from '../runtime/service-context.js';
import type { JobRegistry } from '../service/job-registry.js';
import type { Work } from './create-work.js';

/** Starts this process's workers on the queue: each job runs with the handler its adapter registered for its kind. */
export async function startWorkers(context: ServiceContext, work: Work, registry: JobRegistry): Promise<void> {
  const { config, logger, metrics } = context;
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
  logger.info({ concurrency: config.workerConcurrency, kinds: registry.kinds().length }, 'workers started');
}
