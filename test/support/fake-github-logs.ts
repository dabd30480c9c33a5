// A stand-in for GitHub's Actions API on loopback (real HTTP), for `goarch diagnose <run URL>`: it serves
// runs/{id}/jobs (paged, latest or per attempt), jobs/{id} and jobs/{id}/logs, which answers 302 to a second
// loopback server standing in for the blob storage, as GitHub does. The storage refuses (and counts) any
// request that carries an Authorization header: the token must never leave the API host. Logs are fixture
// files, streamed as they are on disk. Every request is recorded.
import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeJob {
  id: number;
  name: string;
  conclusion: string | null;
  /** The fixture file served as its log. */
  log: string;
}

export interface FakeRun {
  owner: string;
  repo: string;
  runId: number;
  /** The latest attempt's jobs. */
  jobs: FakeJob[];
  /** Earlier attempts' jobs, by attempt number. */
  attempts?: Record<number, FakeJob[]>;
  /** Listing jobs works without a token (a public repository); logs always need one. */
  public?: boolean;
}

export interface FakeGithubLogsOptions {
  runs: FakeRun[];
  /** The token the API accepts (`Bearer` or `token`). */
  token: string;
  /** The API under a path, as GitHub Enterprise Server serves it under /api/v3. Default: none. */
  basePath?: string;
  /** Answer every API request with a rate limit (`403` with x-ratelimit-remaining 0, or `429` with retry-after). */
  rateLimit?: 403 | 429;
  /** Send the logs redirect here instead of the storage server (a hostile or broken redirect). */
  logLocation?: (jobId: number) => string;
}

export interface FakeRequest {
  server: 'api' | 'storage';
  method: string;
  path: string;
  query: Record<string, string>;
  authorization: string | null;
}

export interface FakeGithubLogs {
  /** The API base (GITHUB_API_URL). */
  apiUrl: string;
  storageUrl: string;
  requests: FakeRequest[];
  /** Requests to the storage server that carried an Authorization header (each was refused). */
  leakedAuthorization: () => number;
  /** The jobs whose log was served by the storage, in order. */
  logsServed: () => number[];
  close: () => Promise<void>;
}

export const RATE_LIMIT_RESET = 1_800_000_000;

export async function startFakeGithubLogs(options: FakeGithubLogsOptions): Promise<FakeGithubLogs> {
  const requests: FakeRequest[] = [];
  const base = options.basePath ?? '';
  const served: number[] = [];
  const allJobs = new Map<number, { run: FakeRun; job: FakeJob }>();
  for (const run of options.runs) {
    for (const job of [...run.jobs, ...Object.values(run.attempts ?? {}).flat()]) allJobs.set(job.id, { run, job });
  }
  const record = (server: FakeRequest['server'], req: IncomingMessage): URL => {
    const url = new URL(req.url ?? '/', 'http://fake');
    requests.push({ server, method: req.method ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams), authorization: req.headers.authorization ?? null });
    return url;
  };
  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  };

  const storage = createServer((req, res) => {
    const url = record('storage', req);
    if (req.headers.authorization !== undefined) return send(res, 400, { message: 'Authorization header sent to storage' });
    const m = /^\/logs\/(\d+)$/.exec(url.pathname);
    const found = m ? allJobs.get(Number(m[1])) : undefined;
    if (!found || url.searchParams.get('sig') !== `sig-${found.job.id}`) return send(res, 403, { message: 'AuthenticationFailed' });
    served.push(found.job.id);
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'content-length': String(statSync(found.job.log).size) });
    createReadStream(found.job.log).pipe(res);
  });
  await listen(storage);
  const storageUrl = `http://127.0.0.1:${(storage.address() as AddressInfo).port}`;

  const api = createServer((req, res) => {
    const url = record('api', req);
    if (options.rateLimit === 429) return send(res, 429, { message: 'API rate limit exceeded' }, { 'retry-after': '60' });
    if (options.rateLimit === 403) return send(res, 403, { message: 'API rate limit exceeded' }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(RATE_LIMIT_RESET) });
    const auth = req.headers.authorization;
    if (auth !== undefined && auth !== `Bearer ${options.token}` && auth !== `token ${options.token}`) return send(res, 401, { message: 'Bad credentials' });
    const authed = auth !== undefined;
    if (!url.pathname.startsWith(`${base}/repos/`)) return send(res, 404, { message: 'Not Found' });
    const path = url.pathname.slice(base.length);
    const runOf = (owner: string, repo: string, id: number) => options.runs.find((r) => r.owner === owner && r.repo === repo && r.runId === id);
    let m = /^\/repos\/([^/]+)\/([^/]+)\/actions\/runs\/(\d+)(?:\/attempts\/(\d+))?\/jobs$/.exec(path);
    if (m) {
      const run = runOf(m[1] ?? '', m[2] ?? '', Number(m[3]));
      if (!run || (!authed && !run.public)) return send(res, 404, { message: 'Not Found' });
      const jobs = m[4] === undefined ? run.jobs : run.attempts?.[Number(m[4])];
      if (!jobs) return send(res, 404, { message: 'Not Found' });
      const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30));
      const page = Number(url.searchParams.get('page') ?? 1);
      return send(res, 200, { total_count: jobs.length, jobs: jobs.slice((page - 1) * perPage, page * perPage).map((job) => apiJob(run, job, storageUrl)) });
    }
    m = /^\/repos\/([^/]+)\/([^/]+)\/actions\/jobs\/(\d+)(\/logs)?$/.exec(path);
    const found = m ? allJobs.get(Number(m[3])) : undefined;
    if (!m || !found || found.run.owner !== m[1] || found.run.repo !== m[2]) return send(res, 404, { message: 'Not Found' });
    if (m[4] === undefined) {
      if (!authed && !found.run.public) return send(res, 404, { message: 'Not Found' });
      return send(res, 200, apiJob(found.run, found.job, storageUrl));
    }
    // GitHub answers an anonymous log download with 403 on a public repository, 404 on a private one.
    if (!authed) return send(res, found.run.public ? 403 : 404, { message: found.run.public ? 'Must have admin rights to Repository.' : 'Not Found' });
    const location = options.logLocation?.(found.job.id) ?? `${storageUrl}/logs/${found.job.id}?sig=sig-${found.job.id}`;
    res.writeHead(302, { location });
    res.end();
  });
  await listen(api);
  const apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}${base}`;

  return {
    apiUrl,
    storageUrl,
    requests,
    leakedAuthorization: () => requests.filter((r) => r.server === 'storage' && r.authorization !== null).length,
    logsServed: () => [...served],
    close: async () => {
      await Promise.all([close(api), close(storage)]);
    },
  };
}

function apiJob(run: FakeRun, job: FakeJob, storageUrl: string) {
  return {
    id: job.id,
    run_id: run.runId,
    name: job.name,
    status: job.conclusion === null ? 'in_progress' : 'completed',
    conclusion: job.conclusion,
    html_url: `https://github.com/${run.owner}/${run.repo}/actions/runs/${run.runId}/job/${job.id}`,
    // Unused by goarch; present so that the shape is GitHub's.
    check_run_url: `${storageUrl}/unused`,
    steps: [{ name: 'Set up job', status: 'completed', conclusion: 'success', number: 1 }],
  };
}

function listen(server: Server): Promise<void> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
