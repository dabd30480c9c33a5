import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import { escapeSlack } from '../core/render/render-slack-blocks.js';
import type { FixPublisher } from '../service/fix-publisher.js';
import { channelScope } from '../service/channel-scope.js';
import { SLACK_POST_KIND } from './slack-post-kind.js';
import type { IncidentStore } from '../service/incident-store.js';
import { ACTION_IDS } from './action-ids.js';
import type { SlackAction } from './action-schema.js';
import { asWebApiBlocks } from './as-web-api-blocks.js';
import { buttonValueSchema } from './button-value.js';
import { incidentMessage } from './incident-message.js';
import type { MessageCache } from './message-cache.js';
import { slackApiCall } from './slack-api-error.js';
import { SlackError } from './slack-error.js';
import { slackErrorText } from './slack-error-text.js';

const MUTE_MS = 7 * 24 * 60 * 60 * 1000;

export interface HandleActionDeps {
  store: IncidentStore;
  cache: MessageCache;
  fixPublisher: FixPublisher | null;
  fixAllowedUsers: readonly string[];
  now: () => number;
}

export interface ActionIo {
  client: webApi.WebClient;
  /** An ephemeral answer to the presser (response_url). */
  tell: (text: string) => Promise<void>;
  log: Logger;
}

/**
 * A button on a diagnosis message:
 * - "Show fix commands": re-render the message in place with the commands (chat.update);
 * - "Mute 7 days": mute the incident in this channel, say so in the thread;
 * - "Open fix PR": for allowed users, through the `FixPublisher` port (the `/goarch fix` path), else say why not.
 * Never throws: refusals and failures are told to the presser.
 */
export async function handleAction(payload: SlackAction, deps: HandleActionDeps, io: ActionIo): Promise<void> {
  const action = payload.actions[0];
  const channel = payload.container.channel_id;
  const ts = payload.container.message_ts;
  const root = payload.message?.thread_ts ?? ts;
  const log = io.log.child({ action: action?.action_id, channel, user: payload.user.id });
  try {
    const value = parseValue(action?.value ?? '', channel);
    switch (action?.action_id) {
      case ACTION_IDS.showFix: {
        const item = await deps.cache.get(channel, ts);
        if (item === null) throw new SlackError('diagnosis-expired', 'message not in the cache');
        const message = incidentMessage(item, { expanded: true });
        await slackApiCall(() => io.client.chat.update({ channel, ts, text: message.text, blocks: asWebApiBlocks(message.blocks) }));
        log.info({ fingerprint: value.f }, 'fix commands shown');
        return;
      }
      case ACTION_IDS.mute: {
        const until = deps.now() + MUTE_MS;
        await deps.store.mute(value.s, value.f, until);
        const date = `<!date^${Math.floor(until / 1000)}^{date_short_pretty} {time}|${new Date(until).toISOString()}>`;
        await slackApiCall(() => io.client.chat.postMessage({ channel, thread_ts: root, text: `<@${payload.user.id}> muted this incident (\`${escapeSlack(value.f)}\`) in this channel until ${date}.` }));
        log.info({ fingerprint: value.f, until }, 'incident muted');
        return;
      }
      case ACTION_IDS.openFixPr: {
        if (!deps.fixAllowedUsers.includes(payload.user.id)) throw new SlackError('fix-not-allowed', 'user not allowed', { user: payload.user.id });
        if (value.r === undefined) throw new SlackError('fix-needs-run', 'no run');
        if (deps.fixPublisher === null) throw new SlackError('fix-unavailable', 'no fix publisher');
        const result = await deps.fixPublisher.openFixPullRequest({ repo: { owner: value.r.o, repo: value.r.n }, runId: value.r.id, fingerprint: value.f, requestedBy: `slack:${payload.user.id}` });
        if (!result.ok) {
          await io.tell(`goarch could not open a fix pull request: ${escapeSlack(result.reason)}`);
          log.info({ fingerprint: value.f, reason: result.reason }, 'fix PR refused');
          return;
        }
        await slackApiCall(() => io.client.chat.postMessage({ channel, thread_ts: root, text: `<@${payload.user.id}> ${result.created ? 'opened' : 'updated'} a fix pull request: ${result.url}` }));
        log.info({ fingerprint: value.f, url: result.url }, 'fix PR opened');
        return;
      }
      default:
        throw new SlackError('bad-action', 'unknown action');
    }
  } catch (error) {
    if (error instanceof SlackError) {
      log.info({ code: error.code }, 'slack action refused');
      await io.tell(slackErrorText(error)).catch((e: unknown) => log.warn({ err: e }, 'slack ephemeral reply failed'));
      return;
    }
    log.error({ err: error }, 'slack action failed');
    await io.tell('goarch failed to handle that button (an internal error, logged on the server). Try again in a minute.').catch(() => undefined);
  }
}

/** The button's value, which must belong to the channel it was pressed in. */
function parseValue(text: string, channel: string) {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new SlackError('bad-action', 'button value is not JSON');
  }
  const parsed = buttonValueSchema.safeParse(json);
  if (!parsed.success || parsed.data.s !== channelScope(SLACK_POST_KIND, channel)) throw new SlackError('bad-action', 'button value does not belong to this channel');
  return parsed.data;
}
