import { unifiedDiff } from '../core/fix/unified-diff.js';
import type { Incident } from '../core/model/index.js';
import { platformLabel } from '../core/render/display-text.js';
import { codeBlock, escapeMarkdown, renderMarkdown } from '../core/render/render-markdown.js';

/** The hidden marker and state of a fix pull request body: which commit goarch pushed, on which base, with which content. */
export const FIX_PR_MARKER = '<!-- goarch:fix -->';
const STATE = /<!-- goarch:fix-state (\{[^\n]*\}) -->/;

export interface FixPrState {
  fingerprint: string;
  /** The default branch commit the fix commit sits on. */
  base: string;
  /** The commit goarch pushed; another head means someone else pushed to the branch. */
  head: string;
  /** sha256 (16 hex) of the patched workflow. */
  content: string;
}

/** Who asked for the pull request, for its footer. */
export type FixTrigger = { kind: 'autofix' } | { kind: 'comment'; user: string; pullRequest: number } | { kind: 'slack'; user: string };

export interface FixPrBodyInput {
  incident: Incident;
  workflowPath: string;
  before: string;
  after: string;
  explanation: string[];
  strategy: string;
  changedLines: number;
  branch: string;
  run: { id: number; url: string | null; workflowName: string } | null;
  /** Pull requests whose runs showed the incident (mentioned, so they link back). */
  pullRequests: number[];
  trigger: FixTrigger;
  state: FixPrState;
}

/** The title of a fix pull request. */
export function fixPrTitle(incident: Incident, workflowPath: string): string {
  return `ci: fix ${incident.class} in ${workflowPath}`;
}

/** The fix pull request body: what changes and why (explanation and diff), the diagnosis, how to check it. */
export function renderFixPrBody(input: FixPrBodyInput): string {
  const { incident, workflowPath } = input;
  const diff = unifiedDiff(input.before, input.after, { oldName: `a/${workflowPath}`, newName: `b/${workflowPath}` }).trimEnd();
  const seen = input.run === null ? 'a failed run' : input.run.url === null ? `run ${input.run.id}` : `[run ${input.run.id}](${input.run.url})`;
  const where = input.pullRequests.length === 0 ? '' : ` on ${input.pullRequests.map((n) => `#${n}`).join(', ')}`;
  const target = platformLabel(incident.target);
  const diagnosis = renderMarkdown({ incidents: [incident], lines: 0, bytes: 0, truncated: false })
    .replace(/^### goarch:[^\n]*\n\n/, '')
    .trimEnd();
  const out = [
    FIX_PR_MARKER,
    `goarch diagnosed ${seen}${input.run === null ? '' : ` of workflow _${escapeMarkdown(input.run.workflowName)}_`}${where} as \`${incident.class}\`: ${escapeMarkdown(incident.title)}. This pull request edits \`${workflowPath}\` so that the ${target === 'unknown' ? 'failing' : `\`${target}\``} job passes.`,
    '',
    '## What changes, and why',
    '',
    ...input.explanation.map((line) => `- ${escapeMarkdown(line)}`),
    '',
    codeBlock(diff.split('\n'), 'diff'),
    '',
    `${input.changedLines} line${input.changedLines === 1 ? '' : 's'} changed (strategy \`${input.strategy}\`); every other line, comment and blank line of the file is kept byte for byte, and the result passes GitHub's workflow parser.`,
    '',
    '## The diagnosis',
    '',
    'What goarch read in the failed job\'s log, with every fix it knows; this pull request applies the one that belongs in the workflow.',
    '',
    diagnosis,
    '',
    '## How to check it',
    '',
    `1. Read the diff above: it is the whole change, one commit on top of the default branch.`,
    `2. The workflow runs on this pull request: the job that failed should now pass${target === 'unknown' ? '' : ` for \`${target}\``}.`,
    `3. Offline, with the failed job's log saved as \`failed.log\`: \`npx goarch fix --workflow ${workflowPath} --log failed.log\` prints the same explanation and diff without touching GitHub.`,
    '',
    `<sub>${triggerLine(input.trigger)} goarch keeps this pull request current: when the incident is seen again it force-pushes one fresh commit on the current default branch to \`${input.branch}\` and edits this text, unless someone else pushed to the branch. It never pushes to the default branch. Close the pull request to decline the fix: goarch will not open it again on its own. Incident fingerprint \`${incident.fingerprint}\`.</sub>`,
    `<!-- goarch:fix-state ${JSON.stringify(input.state)} -->`,
  ];
  return `${out.join('\n')}\n`;
}

/** The state embedded in a fix pull request body, or null. */
export function readFixPrState(body: string): FixPrState | null {
  const json = STATE.exec(body)?.[1];
  if (json === undefined) return null;
  try {
    const value = JSON.parse(json) as Partial<FixPrState>;
    if (typeof value.fingerprint !== 'string' || typeof value.base !== 'string' || typeof value.head !== 'string' || typeof value.content !== 'string') return null;
    return { fingerprint: value.fingerprint, base: value.base, head: value.head, content: value.content };
  } catch {
    return null;
  }
}

function triggerLine(trigger: FixTrigger): string {
  if (trigger.kind === 'autofix') return 'Opened by goarch because this repository sets `autofix: true` in `.github/goarch.yml`.';
  if (trigger.kind === 'comment') return `Requested by @${trigger.user} with \`/goarch fix\` on #${trigger.pullRequest}.`;
  return `Requested from Slack by ${escapeMarkdown(trigger.user)}.`;
}
