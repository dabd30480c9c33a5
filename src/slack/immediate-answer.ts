import type { IncidentStore } from '../store/incident-store.js';
import type { GoarchRequest } from './parse-goarch-text.js';
import { renderStats } from './render-stats.js';
import { SlackError } from './slack-error.js';
import { slackErrorText } from './slack-error-text.js';
import { SLACK_HELP_TEXT } from './slack-help-text.js';

const STATS_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The answer given at once (help, stats, a mistake), or null for a diagnosis, which runs after the ack. */
export async function immediateAnswer(request: GoarchRequest, store: IncidentStore, now: number): Promise<string | null> {
  switch (request.kind) {
    case 'help':
      return request.unknown === null ? SLACK_HELP_TEXT : `I do not know \`${request.unknown.replace(/[`<>&]/g, '')}\`.\n${SLACK_HELP_TEXT}`;
    case 'stats':
      return renderStats(await store.topIncidents(now - STATS_DAYS * DAY_MS, 10), STATS_DAYS);
    case 'diagnose-empty':
      return slackErrorText(new SlackError('diagnose-empty', 'nothing to diagnose'));
    case 'diagnose-url':
    case 'diagnose-text':
      return null;
  }
}
