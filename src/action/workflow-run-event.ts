import { z } from 'zod';
import type { CiRun, RunHead } from '../service/ci-host.js';
import type { RepoRef } from '../service/repo-ref.js';
import { ActionError } from './action-error.js';

const owner = z.object({ login: z.string().min(1) });

/** The fields of a `workflow_run` event the Action uses (the payload the runner writes to GITHUB_EVENT_PATH). */
const schema = z.object({
  action: z.string(),
  repository: z.object({ id: z.number(), name: z.string().min(1), full_name: z.string().min(1), owner }),
  workflow_run: z.object({
    id: z.number().int().positive(),
    run_attempt: z.number().int().positive().optional(),
    name: z.string().nullable().default(''),
    path: z.string().nullable().default(null),
    workflow_id: z.number(),
    conclusion: z.string().nullable(),
    head_sha: z.string().min(1),
    html_url: z.string().nullable().default(null),
    pull_requests: z.array(z.object({ number: z.number().int().positive() })).default([]),
    head_branch: z.string().nullable().default(null),
    head_repository: z.object({ full_name: z.string(), owner }).nullable().default(null),
  }),
});

export interface WorkflowRunEvent {
  repo: RepoRef;
  /** The repository's numeric id (stable across renames). */
  repositoryId: number;
  /** `failure`, `success`, `cancelled`...; null while not completed. */
  conclusion: string | null;
  run: CiRun;
  attempt: number;
  /** The run's head when it is in a fork (GitHub lists no pull request for it then), else null. */
  forkHead: RunHead | null;
}

/** Parses the event file's text; a payload that is not a `workflow_run` event is named with its first bad field. */
export function parseWorkflowRunEvent(text: string, file: string): WorkflowRunEvent {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ActionError('event-invalid', `GITHUB_EVENT_PATH (${file}) is not JSON`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue === undefined || issue.path.length === 0 ? '(payload)' : issue.path.map(String).join('.');
    throw new ActionError('event-invalid', `GITHUB_EVENT_PATH (${file}) is not a workflow_run event: ${field} ${issue?.message ?? 'is invalid'}`);
  }
  const { repository, workflow_run: run } = parsed.data;
  const repo = { owner: repository.owner.login, repo: repository.name };
  const head = run.head_repository;
  const fromFork = head !== null && run.head_branch !== null && head.full_name.toLowerCase() !== repository.full_name.toLowerCase();
  return {
    repo,
    repositoryId: repository.id,
    conclusion: run.conclusion,
    attempt: run.run_attempt ?? 1,
    run: {
      runId: run.id,
      url: run.html_url,
      workflowId: String(run.workflow_id),
      workflowName: run.name ?? '',
      workflowPath: run.path,
      headSha: run.head_sha,
      pullRequests: run.pull_requests.map((pr) => pr.number),
    },
    forkHead: fromFork ? { sha: run.head_sha, owner: head.owner.login, branch: run.head_branch } : null,
  };
}
