import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Writable } from 'node:stream';
import type nock from 'nock';
import { ProbotOctokit } from 'probot';
import { startServer } from '../../src/bin/start-server.js';
import type { RunningServer } from '../../src/bin/start-server.js';
import { loadConfig } from '../../src/config/load-config.js';
import type { Env } from '../../src/config/read-env.js';
import { createStateSeal } from '../../src/service/state-seal.js';
import { GITHUB_ENV, signGithub, webhookExample } from '../server/test-server.js';

export const API = 'https://api.github.com';
export const BLOB = 'https://productionresultssa0.blob.core.windows.net';
/** Real logs from fixtures/logs/public. */
export const FIXTURE = {
  cgo: 'fixtures/logs/public/cgo-cross-linker/gdu-pi5-marm.log',
  exec: 'fixtures/logs/public/exec-format-error/gha-arm64-runner-gh-cli.log',
  negative: 'fixtures/logs/public/negative/cubefs-arm64-proxy-timeout.log',
} as const;

/**
 * Octokit for the server under test: Probot's plugins, with retries after 20 ms instead of seconds and
 * without the throttling plugin's 1-3 s spacing of writes (which would make each test take seconds).
 */
export const TestOctokit = ProbotOctokit.defaults((options: Record<string, unknown>) => ({
  ...options,
  throttle: { ...(options.throttle as object | undefined), enabled: false },
  retry: { retryAfterBaseValue: 20 },
}));

export interface AppServer {
  url: string;
  running: RunningServer;
  logs: Record<string, unknown>[];
  close: () => Promise<string[]>;
}

/** The real server (Probot, queue, workers, store, Slack when `env` has it) on a free loopback port, its log lines collected. */
export async function startTestServer(env: Env, redisPrefix?: string): Promise<AppServer> {
  const logs: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') logs.push(JSON.parse(line) as Record<string, unknown>);
      callback();
    },
  });
  const running = await startServer({
    env: { LOG_LEVEL: 'debug', ...env },
    port: 0,
    host: '127.0.0.1',
    logDestination: destination,
    githubOctokit: TestOctokit,
    queueBackoffMs: 50,
    ...(redisPrefix === undefined ? {} : { redisPrefix }),
  });
  return { url: `http://127.0.0.1:${running.port}`, running, logs, close: running.close };
}

/** The real server with the GitHub App configured. */
export async function startAppServer(env: Env = {}, redisPrefix?: string): Promise<AppServer> {
  return startTestServer({ ...GITHUB_ENV, ...env }, redisPrefix);
}

/** POSTs a signed delivery; resolves the HTTP status. */
export async function deliver(server: AppServer, event: string, payload: object, delivery: string = randomUUID()): Promise<number> {
  const body = JSON.stringify(payload);
  const res = await fetch(`${server.url}/api/github/webhooks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-github-event': event, 'x-github-delivery': delivery, 'x-hub-signature-256': signGithub(body) },
    body,
  });
  await res.text();
  return res.status;
}

/** A repository nobody else uses, so store scopes never collide across tests and runs. */
export function uniqueRepo(): { owner: string; repo: string; installationId: number } {
  return { owner: 'octo-org', repo: `octo-repo-${randomUUID().slice(0, 8)}`, installationId: 1000 + Math.floor(Math.random() * 1_000_000) };
}

type Repo = ReturnType<typeof uniqueRepo>;

function withRepo<T extends Record<string, unknown>>(payload: T, r: Repo): T {
  const repository = payload.repository as Record<string, unknown>;
  return {
    ...payload,
    installation: { id: r.installationId, node_id: 'x' },
    repository: { ...repository, name: r.repo, full_name: `${r.owner}/${r.repo}`, owner: { ...(repository.owner as object), login: r.owner } },
  };
}

function repoOf(template: unknown, owner: string, repo: string): Record<string, unknown> {
  const base = (template ?? {}) as Record<string, unknown>;
  return { ...base, name: repo, full_name: `${owner}/${repo}`, owner: { ...(base.owner as object), login: owner } };
}

/** The workflow_run.completed example (the one with a pull request) with its conclusion, run id and PRs set. */
export function workflowRunPayload(r: Repo, options: { conclusion: 'failure' | 'success'; runId: number; pullRequests: number[]; headSha?: string; fork?: { owner: string; branch: string } }) {
  const examples = webhookExample('workflow_run', 'completed');
  const base = structuredClone(examples) as Record<string, unknown>;
  const run = base.workflow_run as Record<string, unknown>;
  const template = (run.pull_requests as Record<string, unknown>[])[0] ?? { number: 2 };
  return withRepo(
    {
      ...base,
      workflow_run: {
        ...run,
        id: options.runId,
        name: 'CI',
        path: '.github/workflows/ci.yml',
        workflow_id: 2823525,
        conclusion: options.conclusion,
        head_sha: options.headSha ?? 'ec26c3e57ca3a959ca5aad62de7213c562f8c821',
        html_url: `https://github.com/${r.owner}/${r.repo}/actions/runs/${options.runId}`,
        pull_requests: options.pullRequests.map((number) => ({ ...template, number })),
        // The run's head is in the repository itself, unless it came from a fork.
        head_branch: options.fork?.branch ?? run.head_branch,
        head_repository: options.fork === undefined ? repoOf(run.head_repository, r.owner, r.repo) : repoOf(run.head_repository, options.fork.owner, r.repo),
      },
    },
    r,
  );
}

/** The check_run.completed example from another app, failed, with `text` as its output. */
export function checkRunPayload(r: Repo, text: string) {
  const base = structuredClone(webhookExample('check_run', 'completed')) as Record<string, unknown>;
  const check = base.check_run as Record<string, unknown>;
  return withRepo(
    {
      ...base,
      check_run: { ...check, conclusion: 'failure', name: 'buildkite/arm64', app: { ...(check.app as object), id: 4242, slug: 'buildkite' }, output: { title: 'Build failed', summary: 'arm64 build', text } },
    },
    r,
  );
}

/** The issue_comment.created example on a pull request with `body`. */
export function issueCommentPayload(r: Repo, body: string, pullRequest = 1) {
  const examples = (webhookExample('issue_comment', 'created') as Record<string, unknown>);
  const base = structuredClone(examples);
  const issue = base.issue as Record<string, unknown>;
  return withRepo(
    {
      ...base,
      issue: { ...issue, number: pullRequest, pull_request: { url: `${API}/repos/${r.owner}/${r.repo}/pulls/${pullRequest}` } },
      comment: { ...(base.comment as object), body },
      sender: { ...(base.sender as object), type: 'User' },
    },
    r,
  );
}

/** Records every request the scopes answer, as "METHOD /path" (query left out), in order. */
export function track(calls: string[], ...scopes: nock.Scope[]): void {
  for (const scope of scopes) {
    scope.on('request', (req: { method?: string; path?: string }) => {
      calls.push(`${req.method ?? '?'} ${decodeURIComponent((req.path ?? '').split('?')[0] ?? '')}`);
    });
  }
}

/** Replies with a fixture log as a stream (never buffered by the test either). */
export function fixtureBody(path: string) {
  return () => createReadStream(path);
}

export async function waitFor(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The seal of the server under test (its state key derived from the test App's private key), to serve comments it wrote. */
export const SEAL = createStateSeal(loadConfig(GITHUB_ENV).github?.stateKey ?? '');
/** What GitHub adds to a comment the App under test (APP_ID 1) wrote. */
export const BY_THIS_APP = { user: { login: 'goarch[bot]', type: 'Bot' }, performed_via_github_app: { id: 1, slug: 'goarch' } };

export const TOKEN_REPLY = { token: 'ghs_test', expires_at: '2099-01-01T00:00:00Z', permissions: { checks: 'write', issues: 'write', actions: 'read', contents: 'read' }, repository_selection: 'all' };
