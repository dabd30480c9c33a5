import { escapeSlack, renderIncidentBlocks, SLACK_MAX_BLOCKS, SLACK_MAX_TEXT } from '../core/render/render-slack-blocks.js';
import type { SlackBlock } from '../core/render/render-slack-blocks.js';
import type { ChannelIncident } from '../service/channel-output.js';
import { ACTION_IDS } from './action-ids.js';
import type { ButtonValue } from './button-value.js';

export interface IncidentMessage {
  text: string;
  blocks: SlackBlock[];
}

/**
 * One incident as a Slack message: the core's Block Kit (class, evidence, host → target, the fix and its
 * commands, the alternatives when expanded, link to the run) under a header with the count, and the buttons. Stays within
 * Slack's limits; the buttons are never the block cut off.
 */
export function incidentMessage(item: ChannelIncident, options: { expanded: boolean }): IncidentMessage {
  const { incident } = item;
  const value: ButtonValue = { s: item.scope, f: incident.fingerprint, ...(item.run === null ? {} : { r: { o: item.run.owner, n: item.run.repo, id: item.run.runId } }) };
  const json = JSON.stringify(value);
  const buttons: SlackBlock[] = [
    ...(options.expanded ? [] : [{ type: 'button', action_id: ACTION_IDS.showFix, text: { type: 'plain_text', text: 'Show alternatives' }, style: 'primary', value: json }]),
    {
      type: 'button',
      action_id: ACTION_IDS.mute,
      text: { type: 'plain_text', text: 'Mute 7 days' },
      value: json,
      confirm: {
        title: { type: 'plain_text', text: 'Mute this incident?' },
        text: { type: 'plain_text', text: 'goarch will not post this incident in this channel for 7 days.' },
        confirm: { type: 'plain_text', text: 'Mute' },
        deny: { type: 'plain_text', text: 'Cancel' },
      },
    },
    ...(item.run === null ? [] : [{ type: 'button', action_id: ACTION_IDS.openFixPr, text: { type: 'plain_text', text: 'Open fix PR' }, value: json }]),
  ];
  const seen = item.count > 1 ? ` (seen ${item.count} times)` : '';
  const title = `goarch: ${incident.title}`.slice(0, 150 - seen.length) + seen;
  const blocks: SlackBlock[] = [{ type: 'header', text: { type: 'plain_text', text: title } }];
  if (item.truncatedAt !== null) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `_The log was longer than ${item.truncatedAt} bytes; goarch scanned up to there._` }] });
  blocks.push(...renderIncidentBlocks(incident, { showAlternatives: options.expanded, link: item.link }));
  // The top-level `text` is mrkdwn too (notifications, screen readers): escaped like the blocks, so no <!channel>, <@U…> or link.
  return { text: escapeSlack(`${title}: ${incident.fix.summary}`).slice(0, SLACK_MAX_TEXT), blocks: keepButtons(blocks, buttons) };
}

/** At most SLACK_MAX_BLOCKS blocks, the actions block last (a huge incident is cut from its end). */
function keepButtons(blocks: SlackBlock[], buttons: SlackBlock[]): SlackBlock[] {
  const body = blocks.filter((block) => block['type'] !== 'actions');
  if (body.length <= SLACK_MAX_BLOCKS - 1) return [...body, { type: 'actions', elements: buttons }];
  const note = { type: 'context', elements: [{ type: 'mrkdwn', text: '_The diagnosis was cut to fit a Slack message; run `goarch diagnose` on the log for all of it._' }] };
  return [...body.slice(0, SLACK_MAX_BLOCKS - 2), note, { type: 'actions', elements: buttons }];
}
