// A fake GitHub REST API on loopback for the Action's end-to-end tests (test/action): what the Action
// calls when it runs in a workflow, served at the root as api.github.com serves it (point GITHUB_API_URL at
// `url`). It keeps state as GitHub does: pull request comments with their authors and edit history, check
// runs, fix branches, commits and pull requests, and records every request with the token that made it.
//
// A job's log is answered as GitHub answers it: 302 to a short-lived URL on another origin (a second
// loopback server, the "blob store"), which records whether an Authorization header reached it.
// Tokens: each known token comments as its login; the workflow token (`workflowToken`) cannot write
// files under .github/workflows (GitHub refuses a GITHUB_TOKEN that), a fix token can.
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeJob {
  id: number;
  name: string;
  conclusion: 'failure' | 'success' | 'timed_out' | 'cancelled';
  /** The real log (a fixture file) served for it; absent: 404, the log is gone. */
  log?: string;
}

export interface FakePull {
  number: number;
  /** The fork's owner and branch, and its head commit. */
  headOwner: string;
  headRef: string;
  headSha: string;
  state: 'open' | 'closed';
}

export interface FakeComment {
  id: number;
  issue: number;
  body: string;
  login: string;
  /** Every body it had, the first included. */
  history: string[];
}

export interface FakeRequest {
  method: string;
  /** Path without the query, URI-decoded. */
  path: string;
  query: URLSearchParams;
  /** The token of the Authorization header, or null. */
  token: string | null;
}

export interface FakeGithubOptions {
  owner: string;
  repo: string;
  /** Token → the login it acts as. */
  tokens: Record<string, string>;
  /** The token that may not write workflow files (GITHUB_TOKEN). */
  workflowToken: string;
}

export interface FakeGithub {
  url: string;
  requests: FakeRequest[];
  comments: FakeComment[];
  checkRuns: { id: number; name: string; headSha: string; title: string; summary: string }[];
  /** Log downloads that reached the blob store, with whether they carried an Authorization header. */
  blobRequests: { jobId: number; authorization: boolean }[];
  /** Files on the default branch, by path. */
  files: Map<string, string>;
  pulls: FakePull[];
  /** Fix pull requests opened through the API. */
  fixPulls: { number: number; head: string; base: string; title: string; body: string; token: string | null }[];
  /** Commits created through the API: the file they set and the token that made them. */
  commits: { sha: string; path: string; content: string; token: string | null }[];
  setRun(runId: number, jobs: FakeJob[]): void;
  close(): Promise<void>;
}

const DEFAULT_SHA = 'c0ffee0000000000000000000000000000000001';
const TREE_SHA = 'c0ffee0000000000000000000000000000000002';

export async function startFakeGithub(options: FakeGithubOptions): Promise<FakeGithub> {
  const requests: FakeRequest[] = [];
  const comments: FakeComment[] = [];
  const checkRuns: FakeGithub['checkRuns'] = [];
  const blobRequests: FakeGithub['blobRequests'] = [];
  const files = new Map<string, string>();
  const pulls: FakePull[] = [];
  const fixPulls: FakeGithub['fixPulls'] = [];
  const commits: FakeGithub['commits'] = [];
  const runs = new Map<number, FakeJob[]>();
  const refs = new Map<string, string>();
  const trees = new Map<string, { path: string; content: string }>();
  let nextId = 7000;
  const repoPath = `/repos/${options.owner}/${options.repo}`;
  const logPaths = new Map<number, string>();

  const blob = createServer((req, res) => {
    const jobId = Number(/^\/logs\/(\d+)$/.exec(new URL(req.url ?? '/', 'http://x').pathname)?.[1]);
    blobRequests.push({ jobId, authorization: req.headers.authorization !== undefined });
    const path = logPaths.get(jobId);
    if (path === undefined) return json(res, 404, { message: 'BlobNotFound' });
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
    createReadStream(path).pipe(res);
  });
  await listen(blob);
  const blobUrl = `http://127.0.0.1:${(blob.address() as AddressInfo).port}`;

  const api = createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (text += chunk));
    req.on('end', () => {
      try {
        route(req, res, text === '' ? {} : (JSON.parse(text) as Record<string, unknown>));
      } catch (error) {
        json(res, 500, { message: String(error) });
      }
    });
  });
  await listen(api);
  const url = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;

  function route(req: IncomingMessage, res: ServerResponse, body: Record<string, unknown>) {
    const parsed = new URL(req.url ?? '/', url);
    const path = decodeURIComponent(parsed.pathname);
    const method = req.method ?? 'GET';
    const token = /^(?:token|bearer) (.+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? null;
    requests.push({ method, path, query: parsed.searchParams, token });
    const login = token === null ? null : (options.tokens[token] ?? null);
    if (login === null) return json(res, 401, { message: 'Bad credentials' });
    if (!path.startsWith(`${repoPath}/`) && path !== repoPath) return json(res, 404, { message: 'Not Found' });
    const rest = path.slice(repoPath.length);
    let m: RegExpExecArray | null;
    if (method === 'GET' && (m = /^\/actions\/runs\/(\d+)\/jobs$/.exec(rest))) {
      const runId = Number(m[1]);
      const jobs = runs.get(runId);
      if (jobs === undefined) return json(res, 404, { message: 'Not Found' });
      return json(res, 200, {
        total_count: jobs.length,
        jobs: jobs.map((job) => ({ id: job.id, run_id: runId, name: job.name, conclusion: job.conclusion, status: 'completed', html_url: `https://github.com/${options.owner}/${options.repo}/actions/runs/${runId}/job/${job.id}`, steps: [{ number: 1, name: 'Set up job', conclusion: 'success' }, { number: 3, name: 'Test', conclusion: job.conclusion }] })),
      });
    }
    if (method === 'GET' && (m = /^\/actions\/jobs\/(\d+)\/logs$/.exec(rest))) {
      const jobId = Number(m[1]);
      if (!logPaths.has(jobId)) return json(res, 404, { message: 'Not Found' });
      res.writeHead(302, { location: `${blobUrl}/logs/${jobId}?sv=2021-08-06&sig=fake` });
      return res.end();
    }
    if (method === 'GET' && (m = /^\/contents\/(.+)$/.exec(rest))) {
      const content = files.get(m[1] ?? '');
      if (content === undefined) return json(res, 404, { message: 'Not Found' });
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      return res.end(content);
    }
    if (method === 'GET' && rest === '/pulls') {
      const head = parsed.searchParams.get('head');
      const state = parsed.searchParams.get('state') ?? 'open';
      const forks = pulls
        .filter((p) => (state === 'all' || p.state === state) && (head === null || head === `${p.headOwner}:${p.headRef}`))
        .map((p) => ({ number: p.number, state: p.state, html_url: `https://github.com/${options.owner}/${options.repo}/pull/${p.number}`, merged_at: null, body: '', head: { sha: p.headSha, ref: p.headRef, label: `${p.headOwner}:${p.headRef}` } }));
      const fixes = fixPulls
        .filter((p) => head === `${options.owner}:${p.head}`)
        .map((p) => ({ number: p.number, state: 'open', html_url: `https://github.com/${options.owner}/${options.repo}/pull/${p.number}`, merged_at: null, body: p.body, head: { sha: refs.get(p.head) ?? '', ref: p.head, label: `${options.owner}:${p.head}` } }));
      return json(res, 200, [...forks, ...fixes]);
    }
    if (method === 'GET' && (m = /^\/issues\/(\d+)\/comments$/.exec(rest))) {
      const issue = Number(m[1]);
      return json(res, 200, comments.filter((c) => c.issue === issue).map(apiComment));
    }
    if (method === 'POST' && (m = /^\/issues\/(\d+)\/comments$/.exec(rest))) {
      const comment: FakeComment = { id: nextId++, issue: Number(m[1]), body: String(body.body), login, history: [String(body.body)] };
      comments.push(comment);
      return json(res, 201, apiComment(comment));
    }
    if ((m = /^\/issues\/comments\/(\d+)$/.exec(rest))) {
      const comment = comments.find((c) => c.id === Number(m?.[1]));
      if (comment === undefined) return json(res, 404, { message: 'Not Found' });
      if (method === 'PATCH') {
        if (comment.login !== login) return json(res, 403, { message: 'Resource not accessible by integration' });
        comment.body = String(body.body);
        comment.history.push(comment.body);
      }
      return json(res, 200, apiComment(comment));
    }
    if (method === 'POST' && rest === '/check-runs') {
      const output = body.output as { title: string; summary: string };
      const check = { id: nextId++, name: String(body.name), headSha: String(body.head_sha), title: output.title, summary: output.summary };
      checkRuns.push(check);
      return json(res, 201, { id: check.id, html_url: `https://github.com/${options.owner}/${options.repo}/runs/${check.id}` });
    }
    // Fix pull requests (the Git data API).
    if (method === 'GET' && rest === '') return json(res, 200, { name: options.repo, full_name: `${options.owner}/${options.repo}`, default_branch: 'main' });
    if (method === 'GET' && rest === '/branches/main') return json(res, 200, { name: 'main', commit: { sha: DEFAULT_SHA, commit: { tree: { sha: TREE_SHA } } } });
    if (method === 'GET' && (m = /^\/git\/ref\/heads\/(.+)$/.exec(rest))) {
      const sha = refs.get(m[1] ?? '');
      return sha === undefined ? json(res, 404, { message: 'Not Found' }) : json(res, 200, { ref: `refs/heads/${m[1]}`, object: { sha, type: 'commit' } });
    }
    if (method === 'POST' && rest === '/git/trees') {
      const [entry] = body.tree as { path: string; content: string }[];
      if (entry === undefined) return json(res, 422, { message: 'tree is empty' });
      if (entry.path.startsWith('.github/workflows/') && token === options.workflowToken) {
        return json(res, 403, { message: `refusing to allow a GitHub App to create or update workflow \`${entry.path}\` without \`workflows\` permission` });
      }
      const sha = `tree${nextId++}`;
      trees.set(sha, entry);
      return json(res, 201, { sha });
    }
    if (method === 'POST' && rest === '/git/commits') {
      const tree = trees.get(String(body.tree));
      if (tree === undefined) return json(res, 422, { message: 'tree not found' });
      const sha = `commit${nextId++}`;
      commits.push({ sha, path: tree.path, content: tree.content, token });
      return json(res, 201, { sha });
    }
    if (method === 'POST' && rest === '/git/refs') {
      const ref = String(body.ref).replace(/^refs\/heads\//, '');
      if (refs.has(ref)) return json(res, 422, { message: 'Reference already exists' });
      refs.set(ref, String(body.sha));
      return json(res, 201, { ref: body.ref, object: { sha: body.sha } });
    }
    if (method === 'PATCH' && (m = /^\/git\/refs\/heads\/(.+)$/.exec(rest))) {
      if (!refs.has(m[1] ?? '')) return json(res, 422, { message: 'Reference does not exist' });
      refs.set(m[1] ?? '', String(body.sha));
      return json(res, 200, { ref: `refs/heads/${m[1]}`, object: { sha: body.sha } });
    }
    if (method === 'POST' && rest === '/pulls') {
      const number = nextId++;
      fixPulls.push({ number, head: String(body.head), base: String(body.base), title: String(body.title), body: String(body.body), token });
      return json(res, 201, { number, html_url: `https://github.com/${options.owner}/${options.repo}/pull/${number}` });
    }
    if (method === 'PATCH' && (m = /^\/pulls\/(\d+)$/.exec(rest))) {
      const pull = fixPulls.find((p) => p.number === Number(m?.[1]));
      if (pull === undefined) return json(res, 404, { message: 'Not Found' });
      pull.title = String(body.title);
      pull.body = String(body.body);
      return json(res, 200, { number: pull.number });
    }
    return json(res, 404, { message: `the fake GitHub has no route for ${method} ${path}` });
  }

  function apiComment(c: FakeComment) {
    return {
      id: c.id,
      body: c.body,
      html_url: `https://github.com/${options.owner}/${options.repo}/pull/${c.issue}#issuecomment-${c.id}`,
      user: { login: c.login, type: c.login.endsWith('[bot]') ? 'Bot' : 'User' },
      // Comments made with a workflow's GITHUB_TOKEN name no App here.
      performed_via_github_app: null,
    };
  }

  return {
    url,
    requests,
    comments,
    checkRuns,
    blobRequests,
    files,
    pulls,
    fixPulls,
    commits,
    setRun(runId, jobs) {
      runs.set(runId, jobs);
      for (const job of jobs) if (job.log !== undefined) logPaths.set(job.id, job.log);
    },
    close: async () => {
      await Promise.all([close(api), close(blob)]);
    },
  };
}

function json(res: ServerResponse, status: number, value: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(value));
}

function listen(server: Server): Promise<void> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
