// A stand-in GitHub (REST API under /api/v3, as GitHub Enterprise Server serves it) on 127.0.0.1 for
// tests and benchmarks that run the server in other processes, where nock cannot reach. Point a
// process at it with GHE_HOST=127.0.0.1:<port> and GHE_PROTOCOL=http.
//
// It keeps state like GitHub does (pull request comments with ids, check runs) and records every
// request, so a test counts what was posted. Runs and jobs are made up on the fly: run <id> has one
// failed job `id * 10 + 1` whose log is the fixture chosen by `logFor` (302 to a blob URL on this
// server, as GitHub does). `.github/goarch.yml` is absent everywhere.
import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StubRequest {
  method: string;
  /** Path without the /api/v3 prefix and the query, URI-decoded. */
  path: string;
  at: number;
}

export interface StubComment {
  id: number;
  /** `owner/repo#<number>` */
  issue: string;
  body: string;
  createdAt: number;
  /** Every body it had, first included. */
  history: string[];
}

export interface StubGithubOptions {
  /** The fixture log served for a job of a run in a repository. */
  logFor: (repo: string, runId: number) => string;
  /**
   * Called before a log download is answered: resolve to answer, or never resolve to hang (the
   * request is dropped when the client goes away). Default: answer at once.
   */
  beforeLog?: (repo: string, jobId: number, attempt: number) => Promise<void>;
}

export interface StubGithub {
  port: number;
  /** GHE_HOST / GHE_PROTOCOL for the processes under test. */
  env: { GHE_HOST: string; GHE_PROTOCOL: 'http' };
  requests: StubRequest[];
  comments: StubComment[];
  /** `METHOD path-pattern` counts, e.g. count('POST', /\/issues\/\d+\/comments$/). */
  count: (method: string, path: RegExp) => number;
  close: () => Promise<void>;
}

const API = '/api/v3';
const BOT = { login: 'goarch[bot]', type: 'Bot', id: 1 };

/** Starts the stub on a free loopback port. */
export async function startStubGithub(options: StubGithubOptions): Promise<StubGithub> {
  const requests: StubRequest[] = [];
  const comments: StubComment[] = [];
  const checkRuns = new Map<number, unknown>();
  const logAttempts = new Map<string, number>();
  let nextId = 9000;
  let base = '';

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://stub');
    const raw = url.pathname.startsWith(API) ? url.pathname.slice(API.length) : url.pathname;
    const path = decodeURIComponent(raw);
    const method = req.method ?? 'GET';
    requests.push({ method, path, at: Date.now() });
    const body = method === 'GET' || method === 'HEAD' ? null : await readJson(req);
    let m: RegExpExecArray | null;

    if (method === 'POST' && (m = /^\/app\/installations\/(\d+)\/access_tokens$/.exec(path))) {
      return json(res, 201, { token: `ghs_stub_${m[1]}`, expires_at: '2099-01-01T00:00:00Z', permissions: { checks: 'write', issues: 'write', actions: 'read', contents: 'read' }, repository_selection: 'all' });
    }
    if (method === 'GET' && /^\/repos\/[^/]+\/[^/]+\/contents\//.test(path)) return json(res, 404, { message: 'Not Found' });
    if (method === 'GET' && (m = /^\/repos\/([^/]+)\/([^/]+)\/actions\/runs\/(\d+)\/jobs$/.exec(path))) {
      const [owner, repo, runId] = [m[1] ?? '', m[2] ?? '', Number(m[3])];
      const jobId = runId * 10 + 1;
      return json(res, 200, {
        total_count: 1,
        jobs: [{ id: jobId, name: 'build (arm64)', conclusion: 'failure', html_url: `https://github.com/${owner}/${repo}/actions/runs/${runId}/job/${jobId}`, steps: [{ number: 1, conclusion: 'success' }, { number: 4, conclusion: 'failure' }] }],
      });
    }
    if (method === 'GET' && (m = /^\/repos\/([^/]+)\/([^/]+)\/actions\/jobs\/(\d+)\/logs$/.exec(path))) {
      const repo = `${m[1]}/${m[2]}`;
      const jobId = Number(m[3]);
      const attempt = (logAttempts.get(`${repo}:${jobId}`) ?? 0) + 1;
      logAttempts.set(`${repo}:${jobId}`, attempt);
      await options.beforeLog?.(repo, jobId, attempt);
      if (res.destroyed) return;
      res.writeHead(302, { location: `${base}/blob/${m[1]}/${m[2]}/${jobId}/job.txt?sig=stub` }).end();
      return;
    }
    if (method === 'GET' && (m = /^\/blob\/([^/]+)\/([^/]+)\/(\d+)\/job\.txt$/.exec(path))) {
      const file = options.logFor(`${m[1]}/${m[2]}`, Math.floor(Number(m[3]) / 10));
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(statSync(file).size) });
      createReadStream(file).pipe(res);
      return;
    }
    if ((m = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(path))) {
      const issue = `${m[1]}/${m[2]}#${m[3]}`;
      if (method === 'GET') return json(res, 200, comments.filter((c) => c.issue === issue).map((c) => view(c, m)));
      if (method === 'POST') {
        const text = String((body as { body?: unknown } | null)?.body ?? '');
        const comment: StubComment = { id: ++nextId, issue, body: text, createdAt: Date.now(), history: [text] };
        comments.push(comment);
        return json(res, 201, view(comment, m));
      }
    }
    if ((m = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(path))) {
      const comment = comments.find((c) => c.id === Number(m?.[3]) && c.issue.startsWith(`${m?.[1]}/${m?.[2]}#`));
      if (comment === undefined) return json(res, 404, { message: 'Not Found' });
      if (method === 'GET') return json(res, 200, view(comment, m));
      if (method === 'PATCH') {
        comment.body = String((body as { body?: unknown } | null)?.body ?? '');
        comment.history.push(comment.body);
        return json(res, 200, view(comment, m));
      }
    }
    if ((m = /^\/repos\/([^/]+)\/([^/]+)\/check-runs(?:\/(\d+))?$/.exec(path))) {
      if (method === 'POST') {
        const id = ++nextId;
        checkRuns.set(id, body);
        return json(res, 201, { id, html_url: `https://github.com/${m[1]}/${m[2]}/runs/${id}` });
      }
      if (method === 'PATCH' && checkRuns.has(Number(m[3]))) return json(res, 200, { id: Number(m[3]), html_url: `https://github.com/${m[1]}/${m[2]}/runs/${m[3]}` });
    }
    json(res, 404, { message: `stub GitHub has no ${method} ${path}` });
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) json(res, 500, { message: error instanceof Error ? error.message : String(error) });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}${API}`;
  return {
    port,
    env: { GHE_HOST: `127.0.0.1:${port}`, GHE_PROTOCOL: 'http' },
    requests,
    comments,
    count: (method, pattern) => requests.filter((r) => r.method === method && pattern.test(r.path)).length,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function view(comment: StubComment, match: RegExpExecArray | null) {
  return { id: comment.id, body: comment.body, user: BOT, performed_via_github_app: { id: 1, slug: 'goarch' }, html_url: `https://github.com/${match?.[1]}/${match?.[2]}/pull/${comment.issue.split('#')[1]}#issuecomment-${comment.id}` };
}

function json(res: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)) }).end(text);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
