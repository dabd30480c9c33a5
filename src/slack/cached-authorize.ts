import type { Authorize, AuthorizeResult, webApi } from '@slack/bolt';

/**
 * Bolt's `authorize` for one workspace's bot token: `auth.test` once (on the first request, so a start
 * never needs Slack), then its answer from memory. Bolt's own single-token authorize with
 * tokenVerificationEnabled:false calls auth.test on every request. A failed auth.test is not cached.
 */
export function cachedAuthorize(client: webApi.WebClient, botToken: string): Authorize<boolean> {
  let pending: Promise<{ botId: string | undefined; botUserId: string | undefined }> | null = null;
  return async ({ isEnterpriseInstall }) => {
    pending ??= client.auth.test({ token: botToken }).then(
      (result) => ({ botId: result.bot_id, botUserId: result.user_id }),
      (error: unknown) => {
        pending = null;
        throw error;
      },
    );
    const { botId, botUserId } = await pending;
    const result: AuthorizeResult = { isEnterpriseInstall, botToken };
    if (botId !== undefined) result.botId = botId;
    if (botUserId !== undefined) result.botUserId = botUserId;
    return result;
  };
}
