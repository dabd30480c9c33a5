/** The state of one dependency as `/readyz` reports it. */
export type DependencyStatus = 'ok' | 'down' | 'not-configured';

export type ReadinessCheck = () => Promise<DependencyStatus> | DependencyStatus;

export interface ReadinessReport {
  status: 'ok' | 'unavailable' | 'shutting-down';
  dependencies: Record<string, DependencyStatus>;
}

/**
 * The dependencies `/readyz` checks, registered by adapters (Redis today). A configured dependency
 * that is down, a check that throws or takes longer than the timeout, or a shutdown in progress
 * make the report unready.
 */
export class ReadinessRegistry {
  readonly #checks = new Map<string, ReadinessCheck>();
  #shuttingDown = false;

  add(name: string, check: ReadinessCheck): void {
    this.#checks.set(name, check);
  }

  markShuttingDown(): void {
    this.#shuttingDown = true;
  }

  get shuttingDown(): boolean {
    return this.#shuttingDown;
  }

  async report(timeoutMs = 1000): Promise<ReadinessReport> {
    const entries = await Promise.all(
      [...this.#checks].map(async ([name, check]) => [name, await runCheck(check, timeoutMs)] as const),
    );
    const dependencies = Object.fromEntries(entries);
    const down = entries.some(([, status]) => status === 'down');
    return { status: this.#shuttingDown ? 'shutting-down' : down ? 'unavailable' : 'ok', dependencies };
  }
}

async function runCheck(check: ReadinessCheck, timeoutMs: number): Promise<DependencyStatus> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<DependencyStatus>((resolve) => {
    timer = setTimeout(() => resolve('down'), timeoutMs);
  });
  try {
    return await Promise.race([Promise.resolve().then(check), timedOut]);
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}
