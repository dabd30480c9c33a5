import type { Middleware, SlackEventMiddlewareArgs, webApi } from '@slack/bolt';
import { diagnoseInChannel } from './diagnose-in-channel.js';
import type { DiagnoseSource } from './diagnose-in-channel.js';
import { immediateAnswer } from './immediate-answer.js';
import { mentionSchema } from './mention-schema.js';
import type { SlackMention } from './mention-schema.js';
import type { SlackFileRef } from './open-slack-file.js';
import { parseGoarchText } from './parse-goarch-text.js';
import { SlackError } from './slack-error.js';
import { slackErrorText } from './slack-error-text.js';
import type { SlackRuntime } from './slack-runtime.js';
import { sourceOf } from './source-of.js';

/** Slack redelivers an event it thinks was not acknowledged (X-Slack-Retry-Num): an event id is handled once a day. */
const DELIVERY_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * `@goarch ...` (Bolt acknowledged the event before this runs):
 * 1. parse the event; an event id seen before (Slack's retries) does nothing;
 * 2. a shared log file, `diagnose <URL>` or a pasted log: diagnose, answering in the mention's thread;
 * 3. help and stats: a reply in the thread; mistakes: an ephemeral message to the author.
 */
export function mentionListener(rt: SlackRuntime): Middleware<SlackEventMiddlewareArgs<'app_mention'>> {
  return async ({ body, client, context }) => {
    // 1. The event, once.
    const parsed = mentionSchema.safeParse(body);
    if (!parsed.success) {
      rt.log.warn({ issues: parsed.error.issues.map((i) => i.path.join('.')) }, 'slack app_mention payload invalid');
      return;
    }
    const { event_id: eventId, event } = parsed.data;
    const log = rt.log.child({ eventId, channel: event.channel, user: event.user, retryNum: context.retryNum ?? 0 });
    if (!(await rt.store.rememberDelivery(`slack-event:${eventId}`, DELIVERY_TTL_MS))) {
      log.info({ retryReason: context.retryReason ?? null }, 'slack event redelivered: ignored');
      return;
    }
    const thread = event.thread_ts ?? event.ts;
    const tell = async (text: string) => void (await client.chat.postEphemeral({ channel: event.channel, user: event.user, thread_ts: thread, text }));
    const reply = async (text: string) => void (await client.chat.postMessage({ channel: event.channel, thread_ts: thread, text }));
    const request = parseGoarchText(event.text);
    const work = async () => {
      try {
        // 2. Something to diagnose.
        const file = await fileOf(event.files, client);
        const source: DiagnoseSource | null = file !== null && (request.kind === 'help' || request.kind === 'diagnose-empty') ? { kind: 'file', file } : sourceOf(request);
        log.info({ request: source?.kind ?? request.kind }, 'slack mention received');
        if (source !== null) {
          await diagnoseInChannel({ source, channel: event.channel, threadTs: thread, claimKey: `slack-event:${eventId}`, tell, log }, rt.diagnoseDeps(client));
          return;
        }
        // 3. Help, stats, a mistake.
        const answer = (await immediateAnswer(request, rt.store, rt.now(), { channel: event.channel, access: rt.config.slack })) ?? '';
        await (request.kind === 'diagnose-empty' ? tell(answer) : reply(answer));
      } catch (error) {
        if (error instanceof SlackError) await tell(slackErrorText(error)).catch(() => undefined);
        else log.error({ err: error }, 'slack mention failed');
      }
    };
    await rt.pending.track(work());
  };
}

/** The first file of a mention, with its download URL (files.info when the event leaves it out). */
async function fileOf(files: SlackMention['event']['files'], client: webApi.WebClient): Promise<SlackFileRef | null> {
  const first = files[0];
  if (first === undefined) return null;
  let url = first.url_private_download ?? first.url_private;
  if (url === undefined) {
    const info = await client.files.info({ file: first.id });
    url = info.file?.url_private_download ?? info.file?.url_private;
  }
  if (url === undefined) throw new SlackError('file-unreadable', 'no download URL', { name: first.name, reason: 'Slack gave no download link for it' });
  return { id: first.id, name: first.name, size: first.size, mimetype: first.mimetype, url };
}
