// Signed `workflow_run.completed` failure deliveries, built from the @octokit/webhooks-examples
// payload, for processes reached over HTTP (the multi-process tests and the webhook benchmark).
import { randomUUID } from 'node:crypto';
import { workflowRunPayload } from '../github/github-test-kit.js';
import { signGithub } from '../server/test-server.js';

export interface Repo {
  owner: string;
  repo: string;
  installationId: number;
}

export interface SignedDelivery {
  id: string;
  event: 'workflow_run';
  body: string;
  headers: Record<string, string>;
}

/** A failed run `runId` of `repo` with pull request `pr`, signed with the test webhook secret. */
export function failedRunDelivery(repo: Repo, runId: number, pr = 1, id: string = randomUUID()): SignedDelivery {
  const body = JSON.stringify(workflowRunPayload(repo, { conclusion: 'failure', runId, pullRequests: [pr] }));
  return {
    id,
    event: 'workflow_run',
    body,
    headers: { 'content-type': 'application/json', 'x-github-event': 'workflow_run', 'x-github-delivery': id, 'x-hub-signature-256': signGithub(body) },
  };
}

/** POSTs a delivery to a server's webhook path; resolves the status and how long the answer took (ms). */
export async function postDelivery(baseUrl: string, delivery: SignedDelivery): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const res = await fetch(`${baseUrl}/api/github/webhooks`, { method: 'POST', headers: delivery.headers, body: delivery.body });
  await res.text();
  return { status: res.status, ms: performance.now() - started };
}
