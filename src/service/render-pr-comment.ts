import { codeBlock, escapeMarkdown } from '../core/render/render-markdown.js';
import { renderMarkdown } from '../core/render/render-markdown.js';
import { COMMENT_MARKER } from './comment-state.js';
import type { CommentEntry, CommentState } from './comment-state.js';
import type { JobRef } from './diagnose-workflow-run.js';
import { stateComment } from './state-comment.js';
import type { StateSeal } from './state-seal.js';

/** GitHub refuses comment and check-run bodies over 65 536 characters: the text, then the text and its state. */
const MAX_BODY = 50_000;
const MAX_COMMENT = 65_000;

/** Embed the marker and the signed state (PR comments); a check run summary leaves them out. */
export type RenderPrCommentOptions = { embedState: true; seal: StateSeal } | { embedState: false };

/**
 * The pull request comment (or check run summary): open incidents first, each with how often it was
 * seen, its jobs and evidence linked to the job log; resolved ones collapsed; logs that are gone last.
 */
export function renderPrComment(state: CommentState, options: RenderPrCommentOptions): string {
  const open = state.entries.filter((entry) => entry.resolved === null);
  const resolved = state.entries.filter((entry) => entry.resolved !== null);
  const out: string[] = [];
  if (open.length > 0) {
    out.push(`## goarch: ${open.length} CPU-architecture problem${open.length > 1 ? 's' : ''}`, '');
    for (const entry of open) out.push(renderEntry(entry), '');
  } else if (resolved.length > 0) {
    out.push('## goarch: resolved', '', 'Every architecture problem goarch reported here is fixed: a later run of the same workflow succeeded.', '');
  } else {
    out.push('## goarch', '');
  }
  for (const entry of resolved) {
    const by = entry.resolved?.runUrl ? `[a later run](${entry.resolved.runUrl})` : 'a later run';
    out.push(`<details><summary>✅ Resolved: <code>${entry.incident.class}</code> ${escapeMarkdown(entry.incident.title)}</summary>`, '');
    out.push(`${by} of ${workflowLabel(entry)} succeeded after it was seen ${times(entry.count)}.`, '', '</details>', '');
  }
  if (state.gone !== null && state.gone.jobs.length > 0) {
    const jobs = state.gone.jobs.map(jobLink).join(', ');
    out.push(`goarch could not read the log of ${jobs} (${escapeMarkdown(state.gone.workflow.name)}): the log is no longer available (expired or deleted). Re-run the job to get a diagnosis.`, '');
  }
  out.push('<sub>Diagnosed by goarch. Comment `/goarch help` for commands.</sub>');
  let body = out.join('\n');
  if (body.length > MAX_BODY) body = `${body.slice(0, MAX_BODY - 200)}\n\n…(cut: the comment reached GitHub's size limit)`;
  if (!options.embedState) return `${body}\n`;
  // The state must fit beside the text: drop the oldest entries (resolved ones first) until it does.
  const { seal } = options;
  let kept = state;
  let comment = `${COMMENT_MARKER}\n${body}\n${stateComment(kept, seal)}\n`;
  while (comment.length > MAX_COMMENT && kept.entries.length > 0) {
    kept = dropOldest(kept);
    comment = `${COMMENT_MARKER}\n${body}\n${stateComment(kept, seal)}\n`;
  }
  return comment;
}

function renderEntry(entry: CommentEntry): string {
  const job = entry.jobs[0];
  const note = entry.truncatedAt === null ? undefined : `The log was longer than ${formatBytes(entry.truncatedAt)}: goarch scanned its first ${formatBytes(entry.truncatedAt)} (set maxLogBytes in .github/goarch.yml to scan more).`;
  const text = renderMarkdown(
    { incidents: [entry.incident], lines: 0, bytes: 0, truncated: entry.truncatedAt !== null },
    {
      ...(job === undefined ? {} : { lineLink: () => lineLink(job) }),
      extra: () => [`Seen **${times(entry.count)}** · ${workflowLabel(entry)}${entry.runUrl ? ` · [latest run](${entry.runUrl})` : ''}${entry.jobs.length > 0 ? ` · ${entry.jobs.map(jobLink).join(', ')}` : ''}`, '', ...fixLine(entry)],
      ...(note === undefined ? {} : { note }),
    },
  );
  // One incident per call: drop the renderer's "N problems found" heading, the comment has its own.
  return text.replace(/^### goarch:[^\n]*\n\n/, '').trimEnd();
}

/**
 * Evidence links: GitHub anchors job log lines per step (`#step:<n>:<line in step>`), and the raw log's
 * line numbers do not map to them, so links open the failed step; the text keeps the raw log line.
 */
function lineLink(job: JobRef): string {
  return job.failedStep === null ? job.url : `${job.url}#step:${job.failedStep}:1`;
}

function jobLink(job: JobRef): string {
  return `[${escapeMarkdown(job.name)}](${job.url})`;
}

function workflowLabel(entry: CommentEntry): string {
  return `workflow _${escapeMarkdown(entry.workflow.name)}_`;
}

/** The fix pull request line (repositories with `autofix: true`). */
function fixLine(entry: CommentEntry): string[] {
  if (entry.fix === undefined) return [];
  if (entry.fix.kind === 'planned') {
    const lead = entry.fix.dryRun
      ? `**Fix pull request (dry run):** with \`autofix: true\`, goarch would open a pull request from branch \`${entry.fix.branch}\` with this workflow edit (\`${entry.fix.strategy}\`).`
      : `**Fix pull request:** goarch proposes the workflow edit (\`${entry.fix.strategy}\`) as a pull request from branch \`${entry.fix.branch}\`.`;
    return [lead, '', '<details><summary>The workflow edit</summary>', '', codeBlock(entry.fix.diff.trimEnd().split('\n'), 'diff'), '', '</details>', ''];
  }
  return [`**No fix pull request:** ${escapeMarkdown(entry.fix.reason.replace(/\.$/, ''))}.`, ''];
}

function times(count: number): string {
  return count === 1 ? 'once' : `${count} times`;
}

function formatBytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return mib >= 1 ? `${Number.isInteger(mib) ? mib : mib.toFixed(1)} MB` : `${bytes} bytes`;
}

function dropOldest(state: CommentState): CommentState {
  const resolved = state.entries.findIndex((entry) => entry.resolved !== null);
  const at = resolved === -1 ? 0 : resolved;
  return { ...state, entries: state.entries.filter((_, i) => i !== at) };
}
