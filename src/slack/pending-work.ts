/** Work that runs after Slack was acknowledged; shutdown waits for it (a closer) instead of cutting a post in half. */
export class PendingWork {
  readonly #running = new Set<Promise<unknown>>();

  /** Runs `work` and keeps it until it settles. Resolves with its result. */
  track<T>(work: Promise<T>): Promise<T> {
    this.#running.add(work);
    const forget = () => this.#running.delete(work);
    work.then(forget, forget);
    return work;
  }

  get size(): number {
    return this.#running.size;
  }

  /** Resolves when everything tracked so far has settled. */
  async drain(): Promise<void> {
    while (this.#running.size > 0) await Promise.allSettled([...this.#running]);
  }
}
