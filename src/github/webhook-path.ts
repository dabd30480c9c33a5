/** Probot's default webhook path; the GitHub App's webhook URL is `https://<host>/api/github/webhooks`. */
export const WEBHOOK_PATH = '/api/github/webhooks';
