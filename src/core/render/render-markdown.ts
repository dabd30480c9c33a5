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

/** A fenced code block whose fence is longer than any backtick run inside it. */
export function codeBlock(lines: string[], lang = ''): string {
  const body = lines.map((l) => safeLine(l, 1000)).join('\n');
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
    out.push(`### goarch: not a CPU-architecture problem`, '', `\`${n.cause}\`: ${escapeMarkdown(n.title)}`, '', '**Evidence**', '');
    for (const e of n.evidence) out.push(`- line ${e.line}: \`${safeLine(e.text, 300).replace(/`/g, "'")}\``);
    out.push('', `**Hint:** ${escapeMarkdown(n.hint.summary)}`, '');
    if (n.hint.command) out.push(codeBlock([n.hint.command], 'sh'), '');
    return `${out.join('\n')}\n`;
  }
  out.push(`### goarch: ${diagnosis.incidents.length} architecture problem${diagnosis.incidents.length > 1 ? 's' : ''} found`, '');
  if (options.note) out.push(`> ${escapeMarkdown(options.note)}`, '');
  for (const i of diagnosis.incidents) {
    out.push(`#### \`${i.class}\`: ${escapeMarkdown(i.title)}`, '');
    out.push(`| host | target | confidence |`, `| --- | --- | --- |`, `| \`${platformLabel(i.host)}\` | \`${platformLabel(i.target)}\` | ${i.confidence} |`, '');
    for (const line of options.extra?.(i) ?? []) out.push(line);
    if (i.failingCommand) out.push(`Failing command: \`${safeLine(i.failingCommand, 300).replace(/`/g, "'")}\``, '');
    out.push('**Evidence**', '');
    for (const e of i.evidence) {
      const link = options.lineLink?.(e.line);
      out.push(`- ${link ? `[line ${e.line}](${link})` : `line ${e.line}`}: \`${safeLine(e.text, 300).replace(/`/g, "'")}\``);
    }
    out.push('', `**Fix:** ${escapeMarkdown(i.fix.summary)}`, '', codeBlock(i.fix.commands, 'sh'), '');
    if (i.alternatives.length > 0) {
      out.push('<details><summary>Other fixes</summary>', '');
      i.alternatives.forEach((a, k) => {
        out.push(`${k + 1}. ${escapeMarkdown(a.summary)}${a.when ? ` _(${escapeMarkdown(a.when)})_` : ''}`, '', codeBlock(a.commands, 'sh'), '');
      });
      out.push('</details>', '');
    }
    out.push('<details><summary>Why this happens</summary>', '', escapeMarkdown(i.explanation), '', `Rule \`${i.ruleId}\`, fingerprint \`${i.fingerprint}\`.`, '', '</details>', '');
  }
  return `${out.join('\n')}\n`;
}
