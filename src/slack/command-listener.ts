import type { Middleware, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { escapeSlack } from '../core/render/render-slack-blocks.js';
import { commandSchema } from './command-schema.js';
import { diagnoseInChannel } from './diagnose-in-channel.js';
import { immediateAnswer } from './immediate-answer.js';
import { parseGoarchText } from './parse-goarch-text.js';
import type { SlackRuntime } from './slack-runtime.js';
import { sourceOf } from './source-of.js';

/**
 * `/goarch ...`: help, stats and mistakes are the ack itself (ephemeral); a diagnosis is acknowledged
 * at once ("Diagnosing ...") and runs after, answering the asker through the response URL.
 */
/** Longer than Slack's 5-minute signature window. */
const REPLAY_TTL_MS = 10 * 60 * 1000;

export function commandListener(rt: SlackRuntime): Middleware<SlackCommandMiddlewareArgs> {
  return async ({ command, ack, respond, client }) => {
    const parsed = commandSchema.safeParse(command);
    if (!parsed.success) {
      rt.log.warn({ issues: parsed.error.issues.map((i) => i.path.join('.')) }, 'slack command payload invalid');
      await ack({ response_type: 'ephemeral', text: 'goarch could not read this command.' });
      return;
    }
    const cmd = parsed.data;
    const request = parseGoarchText(cmd.text);
    const log = rt.log.child({ trigger: cmd.trigger_id, channel: cmd.channel_id, user: cmd.user_id, request: request.kind });
    log.info({}, 'slack command received');
    const source = sourceOf(request);
    // A signed command replayed within Slack's 5-minute window has the same trigger id: it is answered, never run twice.
    if (source !== null && !(await rt.store.rememberDelivery(`slack-command:${cmd.trigger_id}`, REPLAY_TTL_MS))) {
      log.info({}, 'slack command replayed: already handled');
      await ack({ response_type: 'ephemeral', text: 'goarch already handled this command.' });
      return;
    }
    if (source === null) {
      await ack({ response_type: 'ephemeral', text: (await immediateAnswer(request, rt.store, rt.now(), { channel: cmd.channel_id, access: rt.config.slack })) ?? '' });
      return;
    }
    await ack({ response_type: 'ephemeral', text: source.kind === 'url' ? `Diagnosing ${escapeSlack(source.url)} ...` : 'Diagnosing the pasted log ...' });
    const tell = async (text: string) => void (await respond({ response_type: 'ephemeral', replace_original: false, text }));
    await rt.pending.track(diagnoseInChannel({ source, channel: cmd.channel_id, threadTs: null, claimKey: `slack-command:${cmd.trigger_id}`, tell, log }, rt.diagnoseDeps(client)));
  };
}
