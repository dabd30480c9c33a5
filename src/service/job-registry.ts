import type { Job, JobHandler } from './job-queue.js';
import { ServiceError } from './service-error.js';

/**
 * Which handler runs a job of each kind (the job's name): each adapter registers the kinds it enqueues
 * (GitHub: `githubJobKinds`), the composition root hands `dispatch` to the queue. A kind registered
 * twice is a wiring mistake and throws at start; a job of a kind nobody registered is dropped (not retried).
 */
export class JobRegistry {
  private readonly handlers = new Map<string, JobHandler<unknown>>();

  register(kinds: readonly string[], handler: JobHandler<unknown>): void {
    for (const kind of kinds) {
      if (this.handlers.has(kind)) throw new Error(`job kind ${kind} is registered twice`);
      this.handlers.set(kind, handler);
    }
  }

  kinds(): string[] {
    return [...this.handlers.keys()];
  }

  readonly dispatch = async (job: Job<unknown>): Promise<void> => {
    const handler = this.handlers.get(job.name);
    if (handler === undefined) throw new ServiceError('job-kind-unknown', `no handler is registered for jobs of kind ${job.name}`, { retryable: false });
    await handler(job);
  };
}
