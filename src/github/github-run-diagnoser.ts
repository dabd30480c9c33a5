import type { Probot } from 'probot';
import type { RuleSet } from '../core/rules/rule-set.js';
import type { Metrics } from '../metrics/create-metrics.js';
import { diagnoseWorkflowRun } from '../service/diagnose-workflow-run.js';
import type { RunLogs } from '../service/ci-host.js';
import type { RunDiagnoser, RunTarget } from '../service/run-diagnoser.js';
import { ServiceError } from '../service/service-error.js';
import { installationOctokit } from './installation-octokit.js';
import { octokitActions } from './octokit-actions.js';

export interface GithubRunDiagnoserDeps {
  probot: Pick<Probot, 'auth'>;
  rules: RuleSet;
  maxLogBytes: number;
  metrics: Metrics;
  /** Monotonic ms, for scan durations. */
  monotonic?: () => number;
}

/**
 * The `RunDiagnoser` port over the GitHub App (Slack's `/goarch diagnose <URL>`), with the Actions client
 * and the `diagnoseWorkflowRun` use case of the GitHub path:
 * 1. find the App's installation on the repository with the App JWT (404: not installed);
 * 2. take that installation's Octokit (Probot's: retries, throttling, GHE base URL);
 * 3. for a channel without a repository mapping, refuse a repository that is not public;
 * 4. diagnose the run's failed jobs (only the job of a job URL), metrics as the GitHub path counts them.
 */
export function githubRunDiagnoser(deps: GithubRunDiagnoserDeps): RunDiagnoser {
  const monotonic = deps.monotonic ?? (() => performance.now());
  return async (target: RunTarget, options: { publicOnly: boolean }) => {
    const meta = { repo: `${target.owner}/${target.repo}`, runId: String(target.runId), ...(target.jobId === null ? {} : { jobId: String(target.jobId) }) };
    // 1. The installation.
    const octokit = await installationOctokit(deps.probot, target);
    if (!octokit) throw new ServiceError('app-not-installed', `the GitHub App is not installed on ${meta.repo}`, { retryable: false });
    // 2. A channel without a repository mapping sees public repositories only.
    if (options.publicOnly) {
      const { data } = await octokit.request('GET /repos/{owner}/{repo}', { owner: target.owner, repo: target.repo });
      if (data.private || (data.visibility !== undefined && data.visibility !== 'public')) throw new ServiceError('private-repo', `${meta.repo} is not public and this channel is not mapped to it`, { retryable: false });
    }
    // 3. Its client, narrowed to the job of a job URL.
    const actions = onlyJob(octokitActions(octokit), target);
    // 4. Diagnose.
    try {
      const diagnosis = await diagnoseWorkflowRun(
        { owner: target.owner, repo: target.repo, runId: target.runId },
        {
          actions,
          rules: deps.rules,
          maxLogBytes: deps.maxLogBytes,
          now: monotonic,
          onScanned: (scan) => {
            deps.metrics.logBytesScanned.inc(scan.bytes);
            deps.metrics.scanDuration.observe(scan.seconds);
          },
        },
      );
      for (const { incident } of diagnosis.incidents) deps.metrics.incidents.inc({ class: incident.class });
      return diagnosis;
    } catch (error) {
      if (statusOf(error) === 404) throw new ServiceError('run-not-found', `no run ${meta.runId} in ${meta.repo}`, { retryable: false, cause: error });
      throw error;
    }
  };
}

/** The run's jobs narrowed to the one of a job URL. */
function onlyJob(actions: RunLogs, target: RunTarget): RunLogs {
  if (target.jobId === null) return actions;
  return {
    openJobLog: (run, jobId) => actions.openJobLog(run, jobId),
    async listJobs(run) {
      const jobs = (await actions.listJobs(run)).filter((job) => job.id === target.jobId);
      if (jobs.length === 0) throw new ServiceError('job-not-in-run', `job ${target.jobId} is not in run ${target.runId}`, { retryable: false });
      return jobs;
    },
  };
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown }).status;
  return typeof status === 'number' ? status : undefined;
}
