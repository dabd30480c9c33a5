import type { DeadLetter } from './job-queue.js';
import type { QueueLogger } from './queue-logger.js';

/** The one dead-letter line and counter call, the same for both queues. A throwing callback is logged, not raised. */
export function reportDeadLetter(logger: QueueLogger, onDeadLetter: ((dead: DeadLetter) => void) | undefined, dead: DeadLetter): void {
  logger.error({ ...dead }, 'job dead-lettered');
  try {
    onDeadLetter?.(dead);
  } catch (error) {
    logger.error({ jobId: dead.jobId, err: error instanceof Error ? error.message : String(error) }, 'dead-letter callback failed');
  }
}
