/** Stable codes of what goes wrong answering a Slack request; `slackErrorText` turns them into what the user reads. */
export type SlackErrorCode =
  /** `/goarch diagnose` with nothing after it. */
  | 'diagnose-empty'
  /** A URL that is not a GitHub Actions run or job on this server's GitHub. */
  | 'not-a-run-url'
  /** No GitHub App credentials on this server. */
  | 'github-not-configured'
  /** The GitHub App is not installed on the repository of the URL. */
  | 'app-not-installed'
  /** GitHub answered 404 for the run (deleted, or a typo in the URL). */
  | 'run-not-found'
  /** The job of a job URL is not in its run's latest attempt. */
  | 'job-not-in-run'
  /** The run has no failed job. */
  | 'no-failed-jobs'
  /** Every failed job's log is gone (404/410). */
  | 'log-gone'
  /** A shared file could not be downloaded (missing files:read, or not a text log). */
  | 'file-unreadable'
  /** The bot cannot post in the channel (not a member of a private channel, or an archived one). */
  | 'not-in-channel'
  | 'channel-not-allowed'
  | 'repo-not-for-channel'
  | 'private-repo'
  /** The user pressing "Open fix PR" is not in SLACK_FIX_ALLOWED_USERS. */
  | 'fix-not-allowed'
  /** No fix pull request publisher on this server yet. */
  | 'fix-unavailable'
  /** The fix button of a diagnosis that did not come from a workflow run. */
  | 'fix-needs-run'
  /** "Show fix commands" on a message goarch no longer holds. */
  | 'diagnosis-expired'
  /** A button whose value does not belong to this channel or does not parse. */
  | 'bad-action';

export class SlackError extends Error {
  readonly code: SlackErrorCode;
  /** Facts for the user message (the repository, the user id...). */
  readonly meta: Readonly<Record<string, string>>;

  constructor(code: SlackErrorCode, message: string, meta: Record<string, string> = {}, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SlackError';
    this.code = code;
    this.meta = meta;
  }
}
