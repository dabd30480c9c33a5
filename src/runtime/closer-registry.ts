import type { Logger } from 'pino';

/** Releases one resource at shutdown (drain a queue, quit Redis, stop Socket Mode). */
export type Closer = () => Promise<void> | void;

/**
 * The things to close at shutdown, registered by adapters as they are built. `closeAll` runs them
 * in reverse order of registration (a queue closes before the Redis connection it uses), each
 * bounded by what is left of the deadline (past it, the rest are started but not awaited), and never throws.
 */
export class CloserRegistry {
  readonly #closers: { name: string; close: Closer }[] = [];

  add(name: string, close: Closer): void {
    this.#closers.push({ name, close });
  }

  /** Returns the names of the closers that failed or did not finish before `deadline` (ms since epoch). */
  async closeAll(deadline: number, logger: Logger, now: () => number = Date.now): Promise<string[]> {
    const unfinished: string[] = [];
    let expired = false;
    for (const { name, close } of [...this.#closers].reverse()) {
      const left = deadline - now();
      if (expired || left <= 0) {
        // Out of time: still start it (a Redis disconnect is synchronous) but do not wait.
        unfinished.push(name);
        Promise.resolve()
          .then(close)
          .catch(() => undefined);
        continue;
      }
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), left);
      });
      try {
        const result = await Promise.race([Promise.resolve().then(close).then(() => 'closed' as const), timedOut]);
        if (result === 'timeout') {
          expired = true;
          unfinished.push(name);
          logger.warn({ closer: name }, 'closer did not finish before the shutdown deadline');
        } else {
          logger.debug({ closer: name }, 'closer finished');
        }
      } catch (error) {
        unfinished.push(name);
        logger.error({ closer: name, err: error }, 'closer failed');
      } finally {
        clearTimeout(timer);
      }
    }
    this.#closers.length = 0;
    return unfinished;
  }
}
