import type { Diagnosis, Incident } from '../model/incident.js';
import { platformLabel, safeLine } from './display-text.js';

/** Block Kit limits (https://api.slack.com/reference/block-kit/blocks). */
export const SLACK_MAX_BLOCKS = 50;
export const SLACK_MAX_TEXT = 3000;

export type SlackBlock = Record<string, unknown>;

export interface SlackOptions {
  /** Show the alternatives' commands (collapsed messages leave them out until "Show alternatives"); the primary fix's commands are always shown. */
  showAlternatives?: boolean;
  /** Link to the run or log. */
  link?: string | null;
  /** Action buttons to append (already-built Block Kit elements). */
  actions?: SlackBlock[];
}

/** Slack's own escaping: &, < and > are control characters in mrkdwn. */
export function escapeSlack(text: string): string {
  return safeLine(text, 2000).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Code blocks cut at line boundaries so no section exceeds Slack's text limit. */
export function slackCodeSections(lines: string[]): SlackBlock[] {
  const out: SlackBlock[] = [];
  let cur: string[] = [];
  const flush = (): void => {
    if (cur.length > 0) out.push(section(`\`\`\`${cur.join('\n')}\`\`\``));
    cur = [];
  };
  for (const raw of lines) {
    const line = escapeSlack(raw).replace(/```/g, "'''").slice(0, SLACK_MAX_TEXT - 10);
    if ([...cur, line].join('\n').length + 6 > SLACK_MAX_TEXT) flush();
    cur.push(line);
  }
  flush();
  return out;
}

function section(text: string): SlackBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: text.slice(0, SLACK_MAX_TEXT) } };
}

/** Block Kit for a Slack message, within Slack's limits. */
export function renderSlackBlocks(diagnosis: Diagnosis, options: SlackOptions = {}): { text: string; blocks: SlackBlock[] } {
  const showAlternatives = options.showAlternatives ?? true;
  const n = diagnosis.incidents.length;
  const near = n === 0 ? (diagnosis.nearest ?? null) : null;
  const text = near ? 'goarch: not a CPU-architecture problem' : n === 0 ? 'goarch found no CPU-architecture problem in this log.' : `goarch: ${n} architecture problem${n > 1 ? 's' : ''} found`;
  const blocks: SlackBlock[] = [{ type: 'header', text: { type: 'plain_text', text: text.slice(0, 150) } }];
  if (near) {
    blocks.push(section(`*\`${near.cause}\`* ${escapeSlack(near.title)}`));
    blocks.push(section(`*Evidence*\n${near.evidence.map((e) => `line ${e.line}: \`${escapeSlack(e.text).replace(/`/g, "'").slice(0, 300)}\``).join('\n')}`));
    blocks.push(section(`*Hint:* ${escapeSlack(near.hint.summary)}`));
    if (near.hint.command) blocks.push(...slackCodeSections([near.hint.command]));
  }
  for (const i of diagnosis.incidents) blocks.push(...renderIncidentBlocks(i, { showAlternatives, link: options.link ?? null }));
  if (options.actions && options.actions.length > 0) blocks.push({ type: 'actions', elements: options.actions.slice(0, 25) });
  if (blocks.length > SLACK_MAX_BLOCKS) {
    const kept = blocks.slice(0, SLACK_MAX_BLOCKS - 1);
    kept.push(section(`_…${blocks.length - kept.length} more blocks left out (Slack allows ${SLACK_MAX_BLOCKS}); see the full diagnosis with \`goarch diagnose\`._`));
    return { text, blocks: kept };
  }
  return { text, blocks };
}

/**
 * One incident's blocks, as `renderSlackBlocks` shows each (class and title, host → target, evidence, the
 * fix and its commands, the alternatives when shown, fingerprint and link, a divider), each section within
 * Slack's text limit. No header and no cut: a message made of it keeps to SLACK_MAX_BLOCKS itself.
 */
export function renderIncidentBlocks(i: Incident, options: { showAlternatives: boolean; link: string | null }): SlackBlock[] {
  const { showAlternatives } = options;
  const blocks: SlackBlock[] = [];
  blocks.push(section(`*\`${i.class}\`* ${escapeSlack(i.title)}\nhost \`${platformLabel(i.host)}\` → target \`${platformLabel(i.target)}\` · confidence ${i.confidence}`));
  blocks.push(section(`*Evidence*\n${i.evidence.map((e) => `line ${e.line}: \`${escapeSlack(e.text).replace(/`/g, "'").slice(0, 300)}\``).join('\n')}`));
  blocks.push(section(`*Fix:* ${escapeSlack(i.fix.summary)}`));
  // The primary fix's commands, verbatim, in every message; the alternatives stay behind the button.
  blocks.push(...slackCodeSections(i.fix.commands));
  if (showAlternatives) {
    i.alternatives.slice(0, 2).forEach((a, k) => {
      blocks.push(section(`_Alternative ${k + 1}${a.when ? ` (${escapeSlack(a.when)})` : ''}:_ ${escapeSlack(a.summary)}`));
      blocks.push(...slackCodeSections(a.commands));
    });
  }
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `fingerprint \`${i.fingerprint}\` · rule \`${i.ruleId}\`${options.link ? ` · <${options.link}|run>` : ''}` }] });
  blocks.push({ type: 'divider' });
  return blocks;
}
