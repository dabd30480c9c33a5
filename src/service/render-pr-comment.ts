import { codeBlock, codeSpan, escapeMarkdown, renderIncidentMarkdown, safeNumber, safeUrl } from '../core/render/render-markdown.js';
import { COMMENT_MARKER } from './comment-state.js';
import type { CommentEntry, CommentState } from './comment-state.js';
import type { JobRef } from './diagnose-workflow-run.js';
import { stateComment } from './state-comment.js';
import type { StateSeal } from './state-seal.js';

/** The largest body when the output does not say (GitHub's: it refuses comments and check-run summaries over 65 536 characters). */
const DEFAULT_MAX_CHARS = 65_536;
/** Kept spare under the host's limit, and kept for the embedded state beside the text. */
const SPARE = 536;
const STATE_ROOM = 15_000;

/**
 * Embed the marker and the signed state (PR comments); a check run summary leaves them out.
 * `maxChars`: the longest body the output takes (`DiagnosisOutput.maxBodyChars`).
 */
export type RenderPrCommentOptions = ({ embedState: true; seal: StateSeal } | { embedState: false }) & { maxChars?: number };

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
    const resolvedUrl = safeUrl(entry.resolved?.runUrl);
    const by = resolvedUrl ? `[a later run](${resolvedUrl})` : 'a later run';
    out.push(`<details><summary>✅ Resolved: <code>${escapeHtml(codeSpan(entry.incident.class, 60))}</code> ${escapeMarkdown(entry.incident.title)}</summary>`, '');
    out.push(`${by} of ${workflowLabel(entry)} succeeded after it was seen ${times(entry.count)}.`, '', '</details>', '');
  }
  if (state.gone !== null && state.gone.jobs.length > 0) {
    const jobs = state.gone.jobs.map(jobLink).join(', ');
    out.push(`goarch could not read the log of ${jobs} (${escapeMarkdown(state.gone.workflow.name)}): the log is no longer available (expired or deleted). Re-run the job to get a diagnosis.`, '');
  }
  const maxComment = (options.maxChars ?? DEFAULT_MAX_CHARS) - SPARE;
  const maxBody = maxComment - STATE_ROOM;
  const footer = '<sub>Diagnosed by goarch. Comment `/goarch help` for commands.</sub>';
  let body = [...out, footer].join('\n');
  if (body.length > maxBody) {
    // Cut between whole blocks, never inside one: a cut fence or <details> would swallow the rest of the comment.
    const kept: string[] = [];
    let length = 0;
    for (const block of out) {
      if (length + block.length + 1 > maxBody - 200) break;
      kept.push(block);
      length += block.length + 1;
    }
    body = [...kept, '', "…(cut: the comment reached GitHub's size limit)", '', footer].join('\n');
  }
  if (!options.embedState) return `${body}\n`;
  // The state must fit beside the text: drop the oldest entries (resolved ones first) until it does.
  const { seal } = options;
  let kept = state;
  let comment = `${COMMENT_MARKER}\n${body}\n${stateComment(kept, seal)}\n`;
  while (comment.length > maxComment && kept.entries.length > 0) {
    kept = dropOldest(kept);
    comment = `${COMMENT_MARKER}\n${body}\n${stateComment(kept, seal)}\n`;
  }
  return comment;
}

function renderEntry(entry: CommentEntry): string {
  const job = entry.jobs[0];
  const note = entry.truncatedAt === null || !Number.isFinite(entry.truncatedAt) ? undefined : `The log was longer than ${formatBytes(entry.truncatedAt)}: goarch scanned its first ${formatBytes(entry.truncatedAt)} (set maxLogBytes in .github/goarch.yml to scan more).`;
  const text = renderIncidentMarkdown(entry.incident, {
    ...(job === undefined ? {} : { lineLink: () => lineLink(job) }),
    extra: () => [`Seen **${times(entry.count)}** · ${workflowLabel(entry)}${safeUrl(entry.runUrl) ? ` · [latest run](${safeUrl(entry.runUrl)})` : ''}${entry.jobs.length > 0 ? ` · ${entry.jobs.map(jobLink).join(', ')}` : ''}`, '', ...fixLine(entry)],
  });
  // The comment has its own heading: the incident renders on its own, under its truncation note.
  return (note === undefined ? text : `> ${escapeMarkdown(note)}\n\n${text}`).trimEnd();
}

/**
 * Evidence links: GitHub anchors job log lines per step (`#step:<n>:<line in step>`), and the raw log's
 * line numbers do not map to them, so links open the failed step; the text keeps the raw log line.
 */
function lineLink(job: JobRef): string | null {
  const url = safeUrl(job.url);
  if (url === null) return null;
  return Number.isInteger(job.failedStep) ? `${url}#step:${job.failedStep}:1` : url;
}

function jobLink(job: JobRef): string {
  const url = safeUrl(job.url);
  return url === null ? escapeMarkdown(job.name) : `[${escapeMarkdown(job.name)}](${url})`;
}

/** Text inside an HTML element of the comment. */
function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function workflowLabel(entry: CommentEntry): string {
  return `workflow _${escapeMarkdown(entry.workflow.name)}_`;
}

/** The fix pull request line (repositories with `autofix: true`). */
function fixLine(entry: CommentEntry): string[] {
  if (entry.fix === undefined) return [];
  if (entry.fix.kind === 'planned') {
    const lead = entry.fix.dryRun
      ? `**Fix pull request (dry run):** goarch would open a pull request from branch \`${codeSpan(entry.fix.branch)}\` with this workflow edit (\`${codeSpan(entry.fix.strategy)}\`) once fix pull requests are on (\`autofix: true\` for the App, a \`fix-token\` for the Action).`
      : `**Fix pull request:** goarch proposes the workflow edit (\`${codeSpan(entry.fix.strategy)}\`) as a pull request from branch \`${codeSpan(entry.fix.branch)}\`.`;
    return [lead, '', '<details><summary>The workflow edit</summary>', '', codeBlock(entry.fix.diff.trimEnd().split('\n'), 'diff'), '', '</details>', ''];
  }
  return [`**No fix pull request:** ${escapeMarkdown(entry.fix.reason.replace(/\.$/, ''))}.`, ''];
}

function times(count: number): string {
  return count === 1 ? 'once' : `${safeNumber(count)} times`;
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
