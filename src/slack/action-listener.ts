import type { BlockAction, Middleware, SlackActionMiddlewareArgs } from '@slack/bolt';
import { actionSchema } from './action-schema.js';
import { handleAction } from './handle-action.js';
import type { SlackRuntime } from './slack-runtime.js';

/** A goarch button: acknowledged at once, then handled; answers to the presser are ephemeral (response URL). */
export function actionListener(rt: SlackRuntime): Middleware<SlackActionMiddlewareArgs<BlockAction>> {
  return async ({ ack, body, client, respond }) => {
    await ack();
    const parsed = actionSchema.safeParse(body);
    if (!parsed.success) {
      rt.log.warn({ issues: parsed.error.issues.map((i) => i.path.join('.')) }, 'slack action payload invalid');
      return;
    }
    const payload = parsed.data;
    const tell = async (text: string) => {
      if (payload.response_url !== undefined) await respond({ response_type: 'ephemeral', replace_original: false, text });
      else await client.chat.postEphemeral({ channel: payload.container.channel_id, user: payload.user.id, text });
    };
    await rt.pending.track(
      handleAction(payload, { store: rt.store, cache: rt.cache, fixPublisher: rt.fixPublisher, fixAllowedUsers: rt.config.slack.fixAllowedUsers, now: rt.now }, { client, tell, log: rt.log }),
    );
  };
}
