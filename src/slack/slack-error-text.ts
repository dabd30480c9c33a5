import { escapeSlack } from '../core/render/render-slack-blocks.js';
import type { SlackError } from './slack-error.js';

/** The one place that turns an error code into what the Slack user reads: what happened and what to do. */
export function slackErrorText(error: SlackError): string {
  const m = (key: string) => escapeSlack(error.meta[key] ?? '');
  switch (error.code) {
    case 'diagnose-empty':
      return 'Tell me what to diagnose: `/goarch diagnose <GitHub Actions run or job URL>`, or `/goarch diagnose` followed by the pasted log.';
    case 'not-a-run-url':
      return `\`${m('url')}\` is not a GitHub Actions run or job URL. Copy the link from the Actions tab: \`${m('web')}/OWNER/REPO/actions/runs/RUN_ID\` or \`.../actions/runs/RUN_ID/job/JOB_ID\`.`;
    case 'github-not-configured':
      return 'This goarch server has no GitHub App configured, so it cannot read run logs. Paste the log instead (`/goarch diagnose` followed by the log), or ask the admin to set APP_ID, PRIVATE_KEY and WEBHOOK_SECRET.';
    case 'app-not-installed':
      return `The goarch GitHub App is not installed on \`${m('repo')}\`, so I cannot read its logs. Install it on the repository (GitHub → Settings → GitHub Apps), or paste the log.`;
    case 'run-not-found':
      return `GitHub has no run ${m('runId')} in \`${m('repo')}\` (deleted, or a typo in the URL).`;
    case 'job-not-in-run':
      return `Job ${m('jobId')} is not in the latest attempt of run ${m('runId')} in \`${m('repo')}\`. Use the link of a job of the latest attempt, or the run link.`;
    case 'no-failed-jobs':
      return `Run ${m('runId')} in \`${m('repo')}\` has no failed job${error.meta['jobId'] ? ` (job ${m('jobId')} did not fail)` : ''}: nothing to diagnose.`;
    case 'log-gone':
      return `The logs of the failed jobs of run ${m('runId')} in \`${m('repo')}\` are gone (GitHub answered 404/410: expired or deleted). Re-run the jobs, or paste a saved log.`;
    case 'file-unreadable':
      return `I could not read the file \`${m('name')}\` (${m('reason')}). Share a plain-text log (.log or .txt), or paste it with \`/goarch diagnose\`.`;
    case 'channel-not-allowed':
      return 'goarch does not diagnose in this channel (it is not in SLACK_ALLOWED_CHANNELS). Ask in a channel the goarch admin allowed.';
    case 'repo-not-for-channel':
      return `This channel may not ask about \`${m('repo')}\` (SLACK_CHANNEL_REPOS maps it to other repositories). Ask in the channel of that repository.`;
    case 'private-repo':
      return `\`${m('repo')}\` is not public, and this channel is not mapped to it, so goarch does not post its logs here. The goarch admin can map the channel to it in SLACK_CHANNEL_REPOS.`;
    case 'not-in-channel':
      return 'I cannot post in this channel. Invite me first: `/invite @goarch`.';
    case 'fix-not-allowed':
      return `You may not open fix pull requests from Slack. Ask the goarch admin to add your user id \`${m('user')}\` to SLACK_FIX_ALLOWED_USERS.`;
    case 'fix-unavailable':
      return 'Fix pull requests are not available on this goarch server yet. Apply the fix commands by hand (press "Show fix commands").';
    case 'fix-needs-run':
      return 'A fix pull request needs the workflow run the incident came from; this diagnosis came from a pasted log or a file.';
    case 'diagnosis-expired':
      return 'goarch no longer holds this diagnosis (it is older than the dedupe window, or the server restarted without Redis). Run `/goarch diagnose` again to see the fix commands.';
    case 'bad-action':
      return 'That button does not belong to this message any more. Run `/goarch diagnose` again.';
  }
}
