import { escapeSlack } from '../core/render/render-slack-blocks.js';
import type { IncidentSummary } from '../service/incident-store.js';

/** `/goarch stats`: the top incidents of the last `days` days as mrkdwn lines (class, where, count, last seen). */
export function renderStats(summaries: readonly IncidentSummary[], days: number): string {
  if (summaries.length === 0) return `goarch has seen no architecture incident in the last ${days} days.`;
  const lines = summaries.map((s, i) => {
    const seconds = Math.floor(s.lastSeen / 1000);
    const last = `<!date^${seconds}^{date_short_pretty} {time}|${new Date(s.lastSeen).toISOString()}>`;
    return `${i + 1}. \`${s.class}\` · ${where(s.scope)} · *${s.count}×* · last ${last}\n      ${escapeSlack(s.title).slice(0, 200)}`;
  });
  return [`*Top architecture incidents of the last ${days} days*`, ...lines].join('\n');
}

/** The repository of a GitHub scope (`o/r`, `o/r#12`, `o/r@sha`), or the channel of a Slack one. */
function where(scope: string): string {
  const channel = /^slack:([A-Z0-9]+)$/.exec(scope);
  if (channel !== null) return `<#${channel[1]}>`;
  const repo = /^([^#@\s]+\/[^#@\s]+)(#\d+)?/.exec(scope);
  if (repo === null) return `\`${escapeSlack(scope)}\``;
  return `\`${escapeSlack(repo[1] ?? scope)}\`${repo[2] === undefined ? '' : ` (PR ${repo[2]})`}`;
}
