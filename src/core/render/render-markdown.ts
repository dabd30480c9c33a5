import type { Diagnosis, Incident } from '../model/incident.js';
import { platformLabel, safeLine } from './display-text.js';

export interface MarkdownOptions {
  /** A link to a line of the job log, when the caller knows the log's URL. */
  lineLink?: (line: number) => string | null;
  /** Extra lines under each incident's heading (for example "seen 3 times"). */
  extra?: (incident: Incident) => string[];
  /** A note shown above the incidents (for example that the log was truncated). */
  note?: string;
}

/** Escapes text for Markdown prose: no HTML, no mentions, no links or emphasis smuggled in from a log. */
export function escapeMarkdown(text: string): string {
  return safeLine(text, 500)
    .replace(/[\\`*_{}[\]()#+!|~>]/g, '\\$&')
    .replace(/</g, '&lt;')
    .replace(/@/g, '@\u200b');
}

/**
 * Text for inside a single-backtick code span: one line, no backtick (it would close the span) and no
 * `<!--` (it could pass for one of goarch's markers in the raw body).
 */
export function codeSpan(text: string, max = 300): string {
  return safeLine(text, max).replace(/[\r\n]+/g, ' ').replace(/`/g, "'").replace(/<!--/g, '<\u200b!--').replace(/-->/g, '-\u200b->');
}

/** A number from data that may be forged: shown only when it is a finite number. */
export function safeNumber(value: unknown): string {
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : '?';
}

/** A link target: only a plain http(s) URL, else null (no `javascript:`, no spaces or brackets that end the link). */
export function safeUrl(value: unknown): string | null {
  return typeof value === 'string' && value.length <= 2000 && /^https?:\/\/[^\s()<>[\]"'`]+$/.test(value) ? value : null;
}

/** A fenced code block whose fence is longer than any backtick run inside it. */
export function codeBlock(lines: string[], lang = ''): string {
  const body = lines.map((l) => safeLine(l, 1000).replace(/<!--/g, '<\u200b!--')).join('\n');
  const longest = Math.max(2, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${body}\n${fence}`;
}

/** GitHub-flavoured Markdown for a PR comment or a check run summary. */
export function renderMarkdown(diagnosis: Diagnosis, options: MarkdownOptions = {}): string {
  const out: string[] = [];
  if (diagnosis.incidents.length === 0) {
    const n = diagnosis.nearest;
    if (!n) return 'goarch found no CPU-architecture problem in this log.\n';
    out.push(`### goarch: not a CPU-architecture problem`, '', `\`${codeSpan(n.cause)}\`: ${escapeMarkdown(n.title)}`, '', '**Evidence**', '');
    for (const e of n.evidence) out.push(`- line ${safeNumber(e.line)}: \`${codeSpan(e.text)}\``);
    out.push('', `**Hint:** ${escapeMarkdown(n.hint.summary)}`, '');
    if (n.hint.command) out.push(codeBlock([n.hint.command], 'sh'), '');
    return `${out.join('\n')}\n`;
  }
  out.push(`### goarch: ${diagnosis.incidents.length} architecture problem${diagnosis.incidents.length > 1 ? 's' : ''} found`, '');
  if (options.note) out.push(`> ${escapeMarkdown(options.note)}`, '');
  for (const i of diagnosis.incidents) out.push(renderIncidentMarkdown(i, options));
  return `${out.join('\n')}\n`;
}

/**
 * One incident in GitHub-flavoured Markdown, as `renderMarkdown` shows each: its heading, host and target,
 * the caller's extra lines, evidence (linked when `lineLink` knows the log), the fix and the alternatives.
 * Ends with an empty line. For a comment that shows incidents one by one under its own heading.
 */
export function renderIncidentMarkdown(i: Incident, options: Pick<MarkdownOptions, 'lineLink' | 'extra'> = {}): string {
  const out: string[] = [];
  out.push(`#### \`${codeSpan(i.class)}\`: ${escapeMarkdown(i.title)}`, '');
  out.push(`| host | target | confidence |`, `| --- | --- | --- |`, `| \`${codeSpan(platformLabel(i.host), 60).replace(/\|/g, '/')}\` | \`${codeSpan(platformLabel(i.target), 60).replace(/\|/g, '/')}\` | ${safeNumber(i.confidence)} |`, '');
  for (const line of options.extra?.(i) ?? []) out.push(line);
  if (i.failingCommand) out.push(`Failing command: \`${codeSpan(i.failingCommand)}\``, '');
  out.push('**Evidence**', '');
  for (const e of i.evidence) {
    const link = safeUrl(options.lineLink?.(e.line));
    const line = safeNumber(e.line);
    out.push(`- ${link ? `[line ${line}](${link})` : `line ${line}`}: \`${codeSpan(e.text)}\``);
  }
  out.push('', `**Fix:** ${escapeMarkdown(i.fix.summary)}`, '', codeBlock(i.fix.commands, 'sh'), '');
  if (i.alternatives.length > 0) {
    out.push('<details><summary>Other fixes</summary>', '');
    i.alternatives.forEach((a, k) => {
      out.push(`${k + 1}. ${escapeMarkdown(a.summary)}${a.when ? ` _(${escapeMarkdown(a.when)})_` : ''}`, '', codeBlock(a.commands, 'sh'), '');
    });
    out.push('</details>', '');
  }
  out.push('<details><summary>Why this happens</summary>', '', escapeMarkdown(i.explanation), '', `Rule \`${codeSpan(i.ruleId)}\`, fingerprint \`${codeSpan(i.fingerprint)}\`.`, '', '</details>', '');
  return out.join('\n');
}
