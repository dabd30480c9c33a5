import type { webApi } from '@slack/bolt';
import type { ChannelIncident, ChannelOutput } from '../service/channel-output.js';
import type { IncidentPost } from '../service/incident-store.js';
import { asWebApiBlocks } from './as-web-api-blocks.js';
import { incidentMessage } from './incident-message.js';
import type { MessageCache } from './message-cache.js';
import { slackApiCall } from './slack-api-error.js';
import { slackPermalink } from './slack-permalink.js';
import { SLACK_POST_KIND } from './slack-post-kind.js';

export interface SlackChannelOutputOptions {
  client: webApi.WebClient;
  channel: string;
  cache: MessageCache;
  /** How long the cache keeps a message (the dedupe window). */
  ttlMs: number;
}

/** `ChannelOutput` over Slack's Web API: chat.postMessage, chat.update and thread replies in one channel. */
export function slackChannelOutput(options: SlackChannelOutputOptions): ChannelOutput {
  const { client, channel, cache, ttlMs } = options;
  return {
    postKind: SLACK_POST_KIND,
    async post(item: ChannelIncident, threadTs: string | null) {
      const message = incidentMessage(item, { expanded: false });
      const result = await slackApiCall(() =>
        client.chat.postMessage({
          channel,
          text: message.text,
          blocks: asWebApiBlocks(message.blocks),
          unfurl_links: false,
          unfurl_media: false,
          ...(threadTs === null ? {} : { thread_ts: threadTs }),
        }),
      );
      const ts = result.ts ?? '';
      await cache.set(channel, ts, item, ttlMs);
      return { id: ts, ts, url: slackPermalink.make(channel, ts, threadTs) };
    },
    async update(post: IncidentPost, item: ChannelIncident) {
      const ts = post.ts ?? post.id;
      const message = incidentMessage(item, { expanded: false });
      await slackApiCall(() => client.chat.update({ channel, ts, text: message.text, blocks: asWebApiBlocks(message.blocks) }));
      await cache.set(channel, ts, item, ttlMs);
    },
    async replyRepeat(post: IncidentPost, item: ChannelIncident, askedIn: string | null) {
      const ts = post.ts ?? post.id;
      const root = slackPermalink.threadRoot(post.url, ts);
      const where = item.link === null ? '' : ` in <${item.link}|this run>`;
      await slackApiCall(() =>
        client.chat.postMessage({ channel, thread_ts: root, text: `Reported again${where}: seen ${times(item.count)} in this channel within the dedupe window.`, unfurl_links: false }),
      );
      if (askedIn !== null && askedIn !== root) {
        const link = post.url ?? slackPermalink.make(channel, ts, null);
        await slackApiCall(() =>
          client.chat.postMessage({ channel, thread_ts: askedIn, text: `Already reported in this channel: <${link}|the first report> (seen ${times(item.count)}) has the diagnosis and the buttons.`, unfurl_links: false }),
        );
      }
    },
  };
}

function times(count: number): string {
  return count === 1 ? 'once' : `${count} times`;
}
