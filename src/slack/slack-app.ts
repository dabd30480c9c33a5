import type { App } from '@slack/bolt';
import type { Logger } from 'pino';

export interface SlackAppDeps {
  logger: Logger;
}

export const HELP_TEXT = [
  '*goarch* diagnoses Go CI failures caused by CPU architecture.',
  '`/goarch help` shows this message.',
  '`/goarch diagnose <GitHub Actions run URL>` is coming soon.',
].join('\n');

/** Registers goarch's Slack listeners on a Bolt app. For now only `/goarch help` (issue 7 fills the rest). */
export function slackApp(deps: SlackAppDeps): (app: App) => void {
  return (app) => {
    app.command('/goarch', async ({ command, ack }) => {
      deps.logger.info({ team: command.team_id, channel: command.channel_id, subcommand: command.text.trim().split(/\s+/)[0] ?? '' }, 'slack command received');
      await ack({ response_type: 'ephemeral', text: HELP_TEXT });
    });
  };
}
