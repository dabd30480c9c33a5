import type { CiHost, CiJob, CiRun, RunHead } from '../../src/service/ci-host.js';
import { parseRepoConfig } from '../../src/service/repo-config.js';
import { ServiceError } from '../../src/service/service-error.js';

export interface FakeCiHostOptions {
  /** The runs the host knows, by id. */
  runs?: CiRun[];
  /** Each job of the run with its log text (`'gone'`: the host lost it). */
  jobs: (CiJob & { log: string | 'gone' })[];
  /** The repository's goarch config, as its YAML would parse (undefined: no file). */
  config?: unknown;
  permissions?: Record<string, string>;
  /** Open pull requests by head commit. */
  pullRequestsByHead?: Record<string, number[]>;
}

/** A CI host in memory: no HTTP. `calls` records what the use case asked, in order. */
export function fakeCiHost(options: FakeCiHostOptions): CiHost & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    async listJobs(run) {
      calls.push(`jobs ${run.runId}`);
      return options.jobs.map(({ log: _log, ...job }) => job);
    },
    async openJobLog(_run, jobId) {
      calls.push(`log ${jobId}`);
      const log = options.jobs.find((job) => job.id === jobId)?.log;
      if (log === undefined || log === 'gone') throw new ServiceError('log-gone', `job ${jobId} has no log`, { retryable: false });
      const bytes = new TextEncoder().encode(log);
      return (async function* () {
        yield bytes;
      })();
    },
    async getRun(run) {
      calls.push(`run ${run.runId}`);
      return options.runs?.find((r) => r.runId === run.runId) ?? null;
    },
    async latestFailedRun(_repo, pullRequest) {
      calls.push(`latest failed run of #${pullRequest}`);
      return options.runs?.[0] ?? null;
    },
    async loadRepoConfig() {
      calls.push('config');
      return parseRepoConfig(structuredClone(options.config));
    },
    async permissionOf(_repo, user) {
      calls.push(`permission ${user}`);
      return options.permissions?.[user] ?? 'none';
    },
    async pullRequestsOf(_repo, head: RunHead) {
      calls.push(`pulls of ${head.sha}`);
      return options.pullRequestsByHead?.[head.sha] ?? [];
    },
  };
}
