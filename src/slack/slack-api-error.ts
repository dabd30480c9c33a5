import { SlackError } from './slack-error.js';

const CANNOT_POST = new Set(['not_in_channel', 'channel_not_found', 'is_archived', 'restricted_action']);

/** Runs a Web API call; Slack's "cannot post here" answers become `SlackError('not-in-channel')`, everything else is rethrown. */
export async function slackApiCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const code = (error as { data?: { error?: unknown } }).data?.error;
    if (typeof code === 'string' && CANNOT_POST.has(code)) throw new SlackError('not-in-channel', `Slack refused the post: ${code}`, { slackError: code }, { cause: error });
    throw error;
  }
}
