import type { IncidentStore } from '../service/incident-store.js';
import type { GoarchRequest } from './parse-goarch-text.js';
import { renderStats } from './render-stats.js';
import type { SlackAccess } from './slack-access.js';
import { scopeVisible } from './slack-access.js';
import { SlackError } from './slack-error.js';
import { slackErrorText } from './slack-error-text.js';
import { SLACK_HELP_TEXT } from './slack-help-text.js';

const STATS_DAYS = 7;
/** Incidents read to find the top 10 this channel may see. */
const STATS_SCAN = 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The answer given at once (help, stats, a mistake), or null for a diagnosis, which runs after the ack. Stats show only what `channel` may see. */
export async function immediateAnswer(request: GoarchRequest, store: IncidentStore, now: number, asker: { channel: string; access: SlackAccess }): Promise<string | null> {
  switch (request.kind) {
    case 'help':
      return request.unknown === null ? SLACK_HELP_TEXT : `I do not know \`${request.unknown.replace(/[`<>&]/g, '')}\`.\n${SLACK_HELP_TEXT}`;
    case 'stats':
      return renderStats((await store.topIncidents(now - STATS_DAYS * DAY_MS, STATS_SCAN)).filter((s) => scopeVisible(asker.access, asker.channel, s.scope)).slice(0, 10), STATS_DAYS);
    case 'diagnose-empty':
      return slackErrorText(new SlackError('diagnose-empty', 'nothing to diagnose'));
    case 'diagnose-url':
    case 'diagnose-text':
      return null;
  }
}
