import { z } from 'zod';
import { CliError } from './cli-error.js';
import { LOG_LIMITS } from './log-limits.js';
import type { RunUrl } from './parse-run-url.js';
import { shown } from './zip-archive.js';

/** A job of the run, as the CLI needs it. */
export interface RunJob {
  id: number;
  name: string;
  /** `failure`, `timed_out`, `cancelled`, `success`, `skipped`…; null while it runs. */
  conclusion: string | null;
  runId: number;
}

/** Where the token came from, to name it in a message (never its value). */
export interface GithubToken {
  value: string;
  variable: string;
}

/** How long to wait for an answer's headers (a log's body may then take as long as it takes). */
const HEADERS_TIMEOUT_MS = 30_000;

const Job = z.object({ id: z.number().int().positive(), name: z.string(), conclusion: z.string().nullable(), run_id: z.number().int().positive() });
const JobPage = z.object({ total_count: z.number().int().nonnegative(), jobs: z.array(Job) });

/**
 * The few GitHub REST calls `goarch diagnose <run URL>` makes, over the platform's fetch (no Octokit: the
 * packed CLI stays small and dependency-free). The token is sent to the API base only. A job's log is
 * `GET …/actions/jobs/ID/logs`, which answers 302 to a short-lived storage URL: that request is made
 * without the Authorization header (and without following any further redirect), and its body is streamed.
 * Every failure is one CliError line: the status and what it means, a rate limit with its reset time, a
 * network error with its code.
 */
export function githubRunLogs(run: RunUrl, token: GithubToken | null) {
  const repoPath = `/repos/${run.owner}/${run.repo}/actions`;
  const apiOrigin = new URL(run.apiBase).origin;

  async function send(url: string, what: string, auth: boolean): Promise<Response> {
    const headers: Record<string, string> = { 'user-agent': 'goarch-cli' };
    if (auth) {
      headers.accept = 'application/vnd.github+json';
      headers['x-github-api-version'] = '2022-11-28';
      if (token) headers.authorization = `Bearer ${token.value}`;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), HEADERS_TIMEOUT_MS);
    try {
      return await fetch(url, { headers, redirect: 'manual', signal: controller.signal });
    } catch (error) {
      const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
      const why = controller.signal.aborted ? `no answer within ${HEADERS_TIMEOUT_MS / 1000} s` : typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : (error as Error).message;
      throw new CliError('BAD_INPUT', `cannot reach ${auth ? "GitHub's API" : "GitHub's log storage"} at ${new URL(url).host} for ${what}: ${shown(why)}`);
    } finally {
      clearTimeout(timer);
    }
  }

  /** An API call: a redirect is followed only within the API's origin (a renamed repository), three times at most. */
  async function api(path: string, what: string): Promise<Response> {
    let url = `${run.apiBase}${path}`;
    for (let hop = 0; ; hop++) {
      const response = await send(url, what, true);
      if (response.status < 300 || response.status >= 400) return response;
      await response.body?.cancel();
      const next = redirectTarget(response, url);
      if (next === null || new URL(next).origin !== apiOrigin || hop === 3) throw new CliError('BAD_INPUT', `GitHub's API answered ${what} with HTTP ${response.status}, a redirect goarch does not follow`);
      url = next;
    }
  }

  async function json(path: string, what: string): Promise<unknown> {
    const response = await api(path, what);
    if (response.status !== 200) throw await failure(response, what, token);
    const text = await readCapped(response, LOG_LIMITS.apiAnswerBytes, what);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new CliError('BAD_INPUT', `GitHub's API answered ${what} with something that is not JSON`);
    }
  }

  function parsed<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
    const result = schema.safeParse(value);
    if (!result.success) throw new CliError('BAD_INPUT', `GitHub's API answered ${what} in an unexpected shape (${result.error.issues[0]?.path.join('.') || 'the top level'})`);
    return result.data;
  }

  const toJob = (job: z.infer<typeof Job>): RunJob => ({ id: job.id, name: job.name, conclusion: job.conclusion, runId: job.run_id });

  return {
    /** Every job of the run (of its latest attempt, or of the attempt the URL named), page by page. */
    async listJobs(): Promise<RunJob[]> {
      const what = `the jobs of run ${run.runId} of ${run.owner}/${run.repo}${run.attempt === null ? '' : ` (attempt ${run.attempt})`}`;
      const base = run.attempt === null ? `${repoPath}/runs/${run.runId}/jobs?filter=latest&` : `${repoPath}/runs/${run.runId}/attempts/${run.attempt}/jobs?`;
      const jobs: RunJob[] = [];
      for (let page = 1; page <= LOG_LIMITS.runJobPages; page++) {
        const got = parsed(JobPage, await json(`${base}per_page=100&page=${page}`, what), what);
        jobs.push(...got.jobs.map(toJob));
        if (got.jobs.length < 100 || jobs.length >= got.total_count) break;
      }
      return jobs;
    },

    /** The one job a job URL names; it must belong to the URL's run. */
    async getJob(jobId: number): Promise<RunJob> {
      const what = `job ${jobId} of ${run.owner}/${run.repo}`;
      const job = toJob(parsed(Job, await json(`${repoPath}/jobs/${jobId}`, what), what));
      if (job.runId !== run.runId) throw new CliError('BAD_INPUT', `job ${jobId} is not a job of run ${run.runId} (it belongs to run ${job.runId}): check the URL`);
      return job;
    },

    /** The job's log as it downloads: the API's redirect is followed once, to storage, without the token. */
    async *openJobLog(job: RunJob): AsyncGenerator<Uint8Array> {
      const what = `the log of job "${shown(job.name)}" (${job.id})`;
      const url = `${run.apiBase}${repoPath}/jobs/${job.id}/logs`;
      let response = await send(url, what, true);
      if (response.status >= 300 && response.status < 400) {
        await response.body?.cancel();
        const next = redirectTarget(response, url);
        if (next === null) throw new CliError('BAD_INPUT', `GitHub's API answered ${what} with HTTP ${response.status} but no usable Location`);
        const target = new URL(next);
        const api = new URL(url);
        // Storage is https; http only when the API itself is http on loopback (a local stand-in for GitHub).
        if (!(target.protocol === 'https:' || (target.protocol === 'http:' && api.protocol === 'http:' && isLoopback(api) && isLoopback(target)))) {
          throw new CliError('BAD_INPUT', `GitHub's API sent ${what} to ${target.protocol}//${shown(target.host)}, which goarch does not download from (https only)`);
        }
        response = await send(next, what, false);
        if (response.status >= 300 && response.status < 400) {
          await response.body?.cancel();
          throw new CliError('BAD_INPUT', `GitHub's log storage at ${shown(target.host)} answered ${what} with another redirect (HTTP ${response.status}), which goarch does not follow`);
        }
        if (response.status !== 200) {
          await response.body?.cancel();
          throw new CliError('BAD_INPUT', `GitHub's log storage at ${shown(target.host)} answered HTTP ${response.status} for ${what}${response.status === 403 ? ' (its link lasts about a minute: run goarch again)' : ''}`);
        }
      } else if (response.status !== 200) throw await failure(response, what, token, true);
      yield* bodyOf(response, what);
    },
  };
}

function isLoopback(url: URL): boolean {
  return url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
}

function redirectTarget(response: Response, from: string): string | null {
  const location = response.headers.get('location');
  if (location === null) return null;
  try {
    const url = new URL(location, from);
    return url.username === '' && url.password === '' && (url.protocol === 'https:' || url.protocol === 'http:') ? url.href : null;
  } catch {
    return null;
  }
}

/** One line for a status that is not 200: a rate limit with its reset time, a missing or refused token, a gone log. */
async function failure(response: Response, what: string, token: GithubToken | null, log = false): Promise<CliError> {
  await response.body?.cancel();
  const { status, headers } = response;
  const line = (text: string): CliError => new CliError('BAD_INPUT', text);
  if (status === 429 || (status === 403 && (headers.get('x-ratelimit-remaining') === '0' || headers.get('retry-after') !== null))) {
    const reset = Number(headers.get('x-ratelimit-reset'));
    const retry = Number(headers.get('retry-after'));
    const when = Number.isFinite(retry) && retry > 0 ? `try again in ${Math.ceil(retry)} s` : Number.isSafeInteger(reset) && reset > 0 ? `it resets at ${new Date(reset * 1000).toISOString().replace('.000Z', 'Z')}` : 'try again later';
    return line(`GitHub's API rate limit was reached while reading ${what}: ${when}${token ? '' : ' (a token, GH_TOKEN, has a far higher limit)'}`);
  }
  if (token === null && (status === 401 || status === 403 || status === 404)) {
    return line(`GitHub answered HTTP ${status} for ${what}: ${log ? 'job logs need a token' : 'a private repository needs a token'}: set GH_TOKEN or GITHUB_TOKEN (for example GH_TOKEN=$(gh auth token))`);
  }
  if (status === 401) return line(`GitHub refused the token in ${token?.variable} (HTTP 401) for ${what}: it is expired, revoked or not a token`);
  if (status === 403 || status === 404) {
    return line(`GitHub answered HTTP ${status} for ${what}: it does not exist${log ? ' (any more: logs expire)' : ''}, or the token in ${token?.variable} cannot read it (it needs the repo scope, or Actions: read for a fine-grained token)`);
  }
  if (status === 410) return line(`GitHub answered HTTP 410 for ${what}: it was deleted or has expired`);
  if (status >= 500) return line(`GitHub answered HTTP ${status} for ${what}: GitHub had a problem; try again`);
  return line(`GitHub answered HTTP ${status} for ${what}`);
}

async function readCapped(response: Response, cap: number, what: string): Promise<string> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of bodyOf(response, what)) {
    length += chunk.length;
    if (length > cap) throw new CliError('BAD_INPUT', `GitHub's API answered ${what} with over ${cap / 1024 ** 2} MiB of JSON`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The body as chunks; stopping early (the byte cap) cancels the download; a broken connection is one line. */
async function* bodyOf(response: Response, what: string): AsyncGenerator<Uint8Array> {
  if (response.body === null) return;
  const reader = response.body.getReader();
  let read = 0;
  try {
    for (;;) {
      let next: Awaited<ReturnType<typeof reader.read>>;
      try {
        next = await reader.read();
      } catch (error) {
        const code = (error as { cause?: { code?: unknown } }).cause?.code;
        throw new CliError('BAD_INPUT', `the download of ${what} broke after ${read} bytes: ${shown(typeof code === 'string' ? code : (error as Error).message)}`);
      }
      if (next.done) return;
      read += next.value.byteLength;
      yield next.value;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}
