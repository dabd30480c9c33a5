import type { GithubClient } from './github-client.js';
import type { CiJob, RunLogs, RunRef } from '../service/ci-host.js';
import { ServiceError } from '../service/service-error.js';

interface ApiJob {
  id: number;
  name: string;
  conclusion: string | null;
  html_url: string | null;
  steps?: { number: number; conclusion: string | null }[];
}

/**
 * GitHub Actions over an installation Octokit (Probot's: retry and throttling plugins, GHE base URL; or the Action's token Octokit).
 * Logs: `GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs` answers 302 to a short-lived blob URL,
 * which fetch follows (dropping the Authorization header across origins); the body is handed over as
 * a stream and never buffered. 5xx are retried by Octokit, 404/410 become `log-gone`.
 */
export function octokitActions(octokit: GithubClient): RunLogs {
  return {
    async listJobs(run: RunRef): Promise<CiJob[]> {
      const jobs = (await octokit.paginate('GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs', {
        owner: run.owner,
        repo: run.repo,
        run_id: run.runId,
        filter: 'latest',
        per_page: 100,
      })) as ApiJob[];
      return jobs.map((job) => ({
        id: job.id,
        name: job.name,
        conclusion: job.conclusion,
        url: job.html_url ?? '',
        failedStep: job.steps?.find((step) => step.conclusion === 'failure')?.number ?? null,
      }));
    },
    async openJobLog(run: RunRef, jobId: number): Promise<AsyncIterable<Uint8Array>> {
      try {
        const response = await octokit.request('GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs', {
          owner: run.owner,
          repo: run.repo,
          job_id: jobId,
          request: { parseSuccessResponseBody: false },
        });
        return readStream(response.data as unknown as ReadableStream<Uint8Array> | null);
      } catch (error) {
        const status = (error as { status?: unknown }).status;
        if (status === 404 || status === 410) throw new ServiceError('log-gone', `the log of job ${jobId} is no longer available (HTTP ${status})`, { retryable: false, cause: error });
        throw error;
      }
    },
  };
}

/** The body as chunks. A connection that breaks mid-log ends the log there: what was read is still scanned. */
async function* readStream(body: ReadableStream<Uint8Array> | null): AsyncIterable<Uint8Array> {
  if (body === null) return;
  const reader = body.getReader();
  let read = 0;
  try {
    for (;;) {
      let next: Awaited<ReturnType<typeof reader.read>>;
      try {
        next = await reader.read();
      } catch (error) {
        if (read > 0) return;
        throw error;
      }
      if (next.done) return;
      read += next.value.byteLength;
      yield next.value;
    }
  } finally {
    // The scanner may stop early (byte limit): cancel the download instead of draining it.
    await reader.cancel().catch(() => undefined);
  }
}
