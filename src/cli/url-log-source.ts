import { CliError } from './cli-error.js';
import { githubRunLogs, type GithubToken, type RunJob } from './github-run-logs.js';
import { LOG_LIMITS } from './log-limits.js';
import type { LogInputs, LogUnit, OpenedLog } from './log-unit.js';
import { parseRunUrl, type RunUrl } from './parse-run-url.js';
import { shown } from './zip-archive.js';

/** `goarch diagnose https://github.com/OWNER/REPO/actions/runs/ID[/job/ID]`. */
export function isLogUrl(input: string): boolean {
  return /^https?:\/\//i.test(input);
}

/** The conclusions whose logs are read; a run with none of them falls back to its cancelled jobs (a hang that was stopped). */
const FAILED = new Set(['failure', 'timed_out']);

/**
 * A log that is a GitHub Actions run or job URL:
 * 1. parse the URL (github.com or GH_HOST; the API base from the host, or GITHUB_API_URL);
 * 2. take the token from GH_TOKEN, else GITHUB_TOKEN (GH_ENTERPRISE_TOKEN / GITHUB_ENTERPRISE_TOKEN first for
 *    an Enterprise host, as gh does);
 * 3. list the jobs: the one a job URL names, else the run's failed and timed-out jobs (its cancelled ones
 *    when none failed);
 * 4. return one unit per job, named after it, whose log downloads only when it is read, streamed and
 *    capped like a member of an archive (LOG_LIMITS).
 */
export async function openUrlLog(input: string, inputs: LogInputs): Promise<OpenedLog> {
  // 1. The URL.
  const { env } = inputs;
  const run = parseRunUrl(input, { ghHost: env.GH_HOST ?? null, apiUrl: env.GITHUB_API_URL ?? null });
  // 2. The token.
  const client = githubRunLogs(run, tokenFor(run, env));
  // 3. The jobs.
  const jobs = run.jobId !== null ? [await client.getJob(run.jobId)] : failedJobs(run, await client.listJobs());
  // 4. One unit per job.
  const units = jobs.map((job): LogUnit => {
    const name = shown(job.name);
    return { name, job: name, step: null, stream: client.openJobLog(job), locate: (line) => ({ member: null, job: name, step: null, line }) };
  });
  return { archive: true, origin: 'run', size: null, defaultMaxBytes: LOG_LIMITS.decompressedBytes, units, skipped: [], close: () => Promise.resolve() };
}

function tokenFor(run: RunUrl, env: LogInputs['env']): GithubToken | null {
  const names = run.host === 'github.com' || run.host.endsWith('.ghe.com') ? ['GH_TOKEN', 'GITHUB_TOKEN'] : ['GH_ENTERPRISE_TOKEN', 'GITHUB_ENTERPRISE_TOKEN', 'GH_TOKEN', 'GITHUB_TOKEN'];
  for (const variable of names) {
    const value = env[variable]?.trim();
    if (value === undefined || value === '') continue;
    // A header value cannot hold spaces or control characters; say so instead of letting fetch throw with it.
    if (!/^[\x21-\x7e]{1,4096}$/.test(value)) throw new CliError('BAD_INPUT', `${variable} does not look like a token (it has spaces, control or non-ASCII characters)`);
    return { value, variable };
  }
  return null;
}

function failedJobs(run: RunUrl, jobs: RunJob[]): RunJob[] {
  const failed = jobs.filter((job) => FAILED.has(job.conclusion ?? ''));
  if (failed.length > 0) return failed;
  const cancelled = jobs.filter((job) => job.conclusion === 'cancelled');
  if (cancelled.length > 0) return cancelled;
  const counts = new Map<string, number>();
  for (const job of jobs) counts.set(job.conclusion ?? 'in progress', (counts.get(job.conclusion ?? 'in progress') ?? 0) + 1);
  const seen = [...counts].map(([conclusion, n]) => `${n} ${shown(conclusion)}`).join(', ');
  throw new CliError('BAD_INPUT', `run ${run.runId} of ${run.owner}/${run.repo} has no failed, timed-out or cancelled job to diagnose (${jobs.length === 0 ? 'no jobs' : `jobs: ${seen}`}); give a job URL (…/job/JOB_ID) to read one anyway`);
}
