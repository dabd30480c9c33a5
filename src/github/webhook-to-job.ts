import { z } from 'zod';
import type { GithubJob } from './github-job.js';

/** GitHub Actions' own check runs are diagnosed from the workflow_run event, with the full logs. */
const ACTIONS_APP_SLUG = 'github-actions';

const repository = z.object({ name: z.string(), owner: z.object({ login: z.string() }) });
const installation = z.object({ id: z.number() });
const prList = z.array(z.object({ number: z.number() })).default([]);

const workflowRunEvent = z.object({
  installation,
  repository,
  workflow_run: z.object({
    id: z.number(),
    name: z.string().nullable().default(''),
    path: z.string().nullable().default(null),
    workflow_id: z.number(),
    conclusion: z.string().nullable(),
    head_sha: z.string(),
    html_url: z.string().nullable().default(null),
    pull_requests: prList,
    head_branch: z.string().nullable().default(null),
    head_repository: z.object({ full_name: z.string(), owner: z.object({ login: z.string() }) }).nullable().default(null),
  }),
});

const checkRunEvent = z.object({
  installation,
  repository,
  check_run: z.object({
    id: z.number(),
    name: z.string(),
    conclusion: z.string().nullable(),
    head_sha: z.string(),
    html_url: z.string().nullable().default(null),
    app: z.object({ id: z.number(), slug: z.string().optional() }).nullable().default(null),
    output: z.object({ title: z.string().nullable().default(null), summary: z.string().nullable().default(null), text: z.string().nullable().default(null) }),
    pull_requests: prList,
  }),
});

const issueCommentEvent = z.object({
  installation,
  repository,
  issue: z.object({ number: z.number(), pull_request: z.object({}).passthrough().optional() }),
  comment: z.object({ body: z.string() }),
  sender: z.object({ type: z.string(), login: z.string() }),
});

/** `workflow_run.completed`: a failure is diagnosed, a success resolves what this workflow had failed with. */
export function workflowRunJob(payload: unknown): GithubJob | null {
  const event = workflowRunEvent.safeParse(payload);
  if (!event.success) return null;
  const { installation: inst, repository: repo, workflow_run: run } = event.data;
  const kind = run.conclusion === 'failure' ? 'diagnose-run' : run.conclusion === 'success' ? 'resolve-run' : null;
  if (kind === null) return null;
  const fork = forkOf(run, `${repo.owner.login}/${repo.name}`);
  // A success resolves incidents on pull requests: a push has none; a fork's run lists none but has them.
  if (kind === 'resolve-run' && run.pull_requests.length === 0 && fork === null) return null;
  return {
    kind,
    installationId: inst.id,
    owner: repo.owner.login,
    repo: repo.name,
    runId: run.id,
    runUrl: run.html_url,
    workflowId: String(run.workflow_id),
    workflowName: run.name ?? '',
    workflowPath: run.path,
    headSha: run.head_sha,
    pullRequests: run.pull_requests.map((pr) => pr.number),
    fork,
  };
}

/** A run from a fork: GitHub lists no pull request for it in the event, so they are looked up by its head branch and commit. */
function forkOf(run: { head_branch: string | null; head_repository: { full_name: string; owner: { login: string } } | null }, repository: string): { owner: string; branch: string } | null {
  if (run.head_repository === null || run.head_branch === null || run.head_repository.full_name.toLowerCase() === repository.toLowerCase()) return null;
  return { owner: run.head_repository.owner.login, branch: run.head_branch };
}

/** `check_run.completed` from apps other than GitHub Actions (and goarch itself): failure or timed_out is diagnosed from its output. */
export function checkRunJob(payload: unknown, ownAppId: number): GithubJob | null {
  const event = checkRunEvent.safeParse(payload);
  if (!event.success) return null;
  const { installation: inst, repository: repo, check_run: check } = event.data;
  if (check.app === null || check.app.slug === ACTIONS_APP_SLUG || check.app.id === ownAppId) return null;
  const common = { installationId: inst.id, owner: repo.owner.login, repo: repo.name, headSha: check.head_sha, pullRequests: check.pull_requests.map((pr) => pr.number) };
  if (check.conclusion === 'success') {
    if (common.pullRequests.length === 0) return null;
    return { kind: 'resolve-run', ...common, runId: check.id, runUrl: check.html_url, workflowId: `check:${check.name}`, workflowName: check.name, workflowPath: null, fork: null };
  }
  if (check.conclusion !== 'failure' && check.conclusion !== 'timed_out') return null;
  const text = [check.output.title, check.output.summary, check.output.text].filter((part) => part !== null && part !== '').join('\n');
  if (text === '') return null;
  return { kind: 'diagnose-check', ...common, checkRunId: check.id, name: check.name, url: check.html_url ?? '', text };
}

/** `issue_comment.created` on a pull request: `/goarch diagnose`, `/goarch fix` and `/goarch help` (bots are ignored). */
export function issueCommentJob(payload: unknown): GithubJob | null {
  const event = issueCommentEvent.safeParse(payload);
  if (!event.success) return null;
  const { installation: inst, repository: repo, issue, comment, sender } = event.data;
  if (issue.pull_request === undefined || sender.type === 'Bot') return null;
  const command = /^\s*\/goarch\s+(\w+)/m.exec(comment.body)?.[1]?.toLowerCase();
  const common = { installationId: inst.id, owner: repo.owner.login, repo: repo.name, pullRequest: issue.number };
  if (command === 'diagnose') return { kind: 'diagnose-pr', ...common };
  if (command === 'help') return { kind: 'reply-help', ...common };
  if (command === 'fix') return { kind: 'fix-pr-comment', ...common, user: sender.login };
  return null;
}
