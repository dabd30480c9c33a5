import type { ProbotOctokit } from 'probot';
import type { Logger } from 'pino';
import { COMMENT_MARKER } from '../service/comment-state.js';
import { describeFixResult } from '../service/describe-fix-result.js';
import { openFixPr } from '../service/open-fix-pr.js';
import type { WorkflowValidator } from '../service/propose-workflow-fix.js';
import { readCommentState } from '../service/read-comment-state.js';
import { REPO_CONFIG_PATH } from '../service/repo-config.js';
import { workflowFilePath } from '../service/workflow-file-path.js';
import type { GithubJob } from './github-job.js';
import { loadRepoConfig } from './load-repo-config.js';
import { octokitOutput } from './octokit-output.js';
import { octokitRepoWriter } from './octokit-repo-writer.js';

type FixCommentJob = Extract<GithubJob, { kind: 'fix-pr-comment' }>;

/** Repository permissions that may ask goarch to push a fix branch (`maintain` is reported as `write`). */
const MAY_FIX = new Set(['admin', 'write']);

/**
 * `/goarch fix` on a pull request:
 * 1. the commenter must have write access to the repository, else the reply says why not;
 * 2. the repository config (disabled: nothing; invalid: the reply names the key);
 * 3. the open incidents of goarch's diagnosis comment on this pull request (none: say to diagnose first);
 * 4. for each, the workflow file of its run, then the `openFixPr` use case;
 * 5. one reply: the pull requests opened or updated, and why the others got none.
 */
export async function fixFromComment(job: FixCommentJob, deps: { octokit: ProbotOctokit; validate: WorkflowValidator; log: Logger }): Promise<void> {
  const { octokit, log } = deps;
  const repo = { owner: job.owner, repo: job.repo };
  const output = octokitOutput(octokit);
  const reply = (text: string) => output.createComment(repo, job.pullRequest, text);
  // 1. Permission.
  const permission = await permissionOf(octokit, job);
  if (!MAY_FIX.has(permission)) {
    await reply(`@${job.user} goarch opens fix pull requests only when someone with write access to ${job.owner}/${job.repo} asks (your permission: ${permission}). Ask a maintainer to comment \`/goarch fix\`, or apply the fix commands from the diagnosis yourself.`);
    log.info({ user: job.user, permission }, 'fix refused: no write permission');
    return;
  }
  // 2. Config.
  const config = await loadRepoConfig(octokit, job.owner, job.repo);
  if (!config.ok) {
    await reply(`goarch cannot open a fix pull request: in \`${REPO_CONFIG_PATH}\`, \`${config.key}\` ${config.message}.`);
    log.info({ key: config.key }, 'fix refused: repository config invalid');
    return;
  }
  if (!config.config.enabled) {
    log.info({}, 'goarch disabled by the repository config');
    return;
  }
  // 3. The incidents goarch reported here.
  const comment = await output.findComment(repo, job.pullRequest, COMMENT_MARKER);
  const entries = readCommentState(comment?.body ?? null).entries.filter((entry) => entry.resolved === null);
  const fixable = entries.filter((entry) => entry.runId !== null);
  if (fixable.length === 0) {
    await reply(
      entries.length === 0
        ? 'goarch has no open diagnosis on this pull request to fix. Comment `/goarch diagnose` first.'
        : 'goarch can only edit GitHub Actions workflows: the incidents on this pull request came from another app\'s check run.',
    );
    log.info({ entries: entries.length }, 'fix refused: nothing to fix');
    return;
  }
  // 4. One fix pull request per incident.
  const lines: string[] = [];
  const paths = new Map<number, string | null>();
  for (const entry of fixable) {
    const runId = entry.runId as number;
    if (!paths.has(runId)) paths.set(runId, await workflowPath(octokit, job, runId));
    const path = paths.get(runId) ?? null;
    if (path === null) {
      lines.push(`- No pull request for \`${entry.incident.class}\`: run ${runId} is gone, so goarch does not know its workflow file. Re-run the workflow, then comment \`/goarch fix\` again.`);
      continue;
    }
    const result = await openFixPr(
      {
        repo,
        workflowPath: path,
        incident: entry.incident,
        run: { id: runId, url: entry.runUrl, workflowName: entry.workflow.name },
        pullRequests: [job.pullRequest],
        trigger: { kind: 'comment', user: job.user, pullRequest: job.pullRequest },
      },
      { writer: octokitRepoWriter(octokit), validate: deps.validate },
    );
    log.info({ fingerprint: entry.incident.fingerprint, status: result.status, ...('number' in result ? { pullRequest: result.number } : {}) }, 'fix pull request requested by comment');
    lines.push(`- ${describeFixResult(entry.incident, result)}`);
  }
  // 5. Reply.
  await reply(`@${job.user} asked for fix pull requests:\n\n${lines.join('\n')}\n`);
}

async function permissionOf(octokit: ProbotOctokit, job: FixCommentJob): Promise<string> {
  try {
    const { data } = await octokit.request('GET /repos/{owner}/{repo}/collaborators/{username}/permission', { owner: job.owner, repo: job.repo, username: job.user });
    return data.permission;
  } catch (error) {
    if ((error as { status?: unknown }).status === 404) return 'none';
    throw error;
  }
}

async function workflowPath(octokit: ProbotOctokit, job: FixCommentJob, runId: number): Promise<string | null> {
  try {
    const { data } = await octokit.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}', { owner: job.owner, repo: job.repo, run_id: runId });
    return workflowFilePath(data.path);
  } catch (error) {
    if ((error as { status?: unknown }).status === 404) return null;
    throw error;
  }
}
