import type { Incident } from '../core/model/index.js';
import { escapeMarkdown } from '../core/render/render-markdown.js';
import type { OpenFixPrResult } from './open-fix-pr.js';

/** One Markdown line that tells a person what happened to the fix pull request of an incident. */
export function describeFixResult(incident: Incident, result: OpenFixPrResult): string {
  const what = `\`${incident.class}\` (${escapeMarkdown(incident.title)})`;
  switch (result.status) {
    case 'opened':
      return `Opened #${result.number} from \`${result.branch}\` for ${what}.`;
    case 'updated':
      return `Updated #${result.number} (\`${result.branch}\`: one fresh commit on the default branch) for ${what}.`;
    case 'unchanged':
      return `#${result.number} already holds this fix for ${what}, on the current default branch.`;
    case 'declined':
      return `No pull request for ${what}: ${escapeMarkdown(result.reason.replace(/`[^`]*`/g, (code) => code.slice(1, -1)))}.`;
    case 'no-safe-edit':
      return `No pull request for ${what}: no safe workflow edit (${escapeMarkdown(result.reason.replace(/\.$/, ''))}).`;
  }
}
