import type { RunTarget } from '../service/run-diagnoser.js';

const NAME = /^[A-Za-z0-9_.-]{1,100}$/;
const ID = /^\d{1,20}$/;

/**
 * Reads `<web>/OWNER/REPO/actions/runs/RUN[/attempts/N][/job/JOB | /jobs/JOB]` (query and fragment
 * ignored) on this server's GitHub (`webBaseUrl`: github.com or the GHE host). Null for anything else.
 */
export function parseRunUrl(text: string, webBaseUrl: string): RunTarget | null {
  let url: URL;
  let base: URL;
  try {
    url = new URL(text);
    base = new URL(webBaseUrl);
  } catch {
    return null;
  }
  if (url.host.toLowerCase() !== base.host.toLowerCase() && !(base.host === 'github.com' && url.host.toLowerCase() === 'www.github.com')) return null;
  const parts = url.pathname.split('/').filter((part) => part !== '');
  const [owner, repo, actions, runs, runId, ...rest] = parts;
  if (owner === undefined || repo === undefined || runId === undefined || actions !== 'actions' || runs !== 'runs') return null;
  if (!NAME.test(owner) || !NAME.test(repo) || !ID.test(runId)) return null;
  let tail = rest;
  if (tail[0] === 'attempts' && tail[1] !== undefined && ID.test(tail[1])) tail = tail.slice(2);
  let jobId: number | null = null;
  if ((tail[0] === 'job' || tail[0] === 'jobs') && tail[1] !== undefined && ID.test(tail[1])) {
    jobId = Number(tail[1]);
    tail = tail.slice(2);
  }
  if (tail.length > 0 && !(tail.length === 1 && (tail[0] === 'workflow' || tail[0] === 'usage'))) return null;
  const runUrl = `${base.origin}/${owner}/${repo}/actions/runs/${runId}`;
  return { owner, repo, runId: Number(runId), jobId, url: jobId === null ? runUrl : `${runUrl}/job/${jobId}` };
}
