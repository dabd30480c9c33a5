/** Events whose names are used as metric labels; anything else counts as "other" so labels stay bounded. */
const KNOWN_EVENTS = new Set([
  'workflow_run',
  'workflow_job',
  'check_run',
  'check_suite',
  'issue_comment',
  'pull_request',
  'push',
  'ping',
  'installation',
  'installation_repositories',
  'installation_target',
  'github_app_authorization',
  'meta',
]);

/** The `event` label for a delivery's `x-github-event` header. */
export function webhookEventLabel(header: string | string[] | undefined): string {
  return typeof header === 'string' && KNOWN_EVENTS.has(header) ? header : header === undefined ? 'none' : 'other';
}
