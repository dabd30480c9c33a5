import { CliError } from './cli-error.js';
import { shown } from './zip-archive.js';

/** A GitHub Actions run (or one of its attempts, or one of its jobs) and the API that serves it. */
export interface RunUrl {
  /** The web host of the URL (github.com, or GH_HOST). */
  host: string;
  /** The REST API's base, without a trailing slash: https://api.github.com, https://HOST/api/v3, or GITHUB_API_URL. */
  apiBase: string;
  owner: string;
  repo: string;
  runId: number;
  /** `/attempts/N`: that attempt's jobs; null: the latest attempt. */
  attempt: number | null;
  /** `/job/ID`: only that job. */
  jobId: number | null;
}

export interface RunUrlSettings {
  /** GH_HOST: the GitHub Enterprise host whose run URLs are accepted (besides github.com). */
  ghHost: string | null;
  /** GITHUB_API_URL: the API base to use instead of the one that follows from the host. */
  apiUrl: string | null;
}

const FORMS = 'https://github.com/OWNER/REPO/actions/runs/RUN_ID, …/runs/RUN_ID/attempts/N or …/runs/RUN_ID/job/JOB_ID';
// GitHub's own rules: a login is 1-39 letters, digits and hyphens, not starting with a hyphen; a repository name
// is up to 100 letters, digits, '.', '-' and '_' (never '.' or '..').
const OWNER = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}$/;
const REPO = /^[A-Za-z0-9._-]{1,100}$/;
const ID = /^[1-9][0-9]{0,15}$/;
const ATTEMPT = /^[1-9][0-9]{0,3}$/;
const HOST = /^[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?(?::[1-9][0-9]{0,4})?$/;

/**
 * `goarch diagnose https://github.com/OWNER/REPO/actions/runs/ID[/attempts/N | /job/ID]`: the run, checked
 * strictly (https only, no credentials, github.com or exactly GH_HOST, GitHub's rules for names, ids that
 * are positive safe integers), and the API base that follows from the host. A query or a `#step:4:12`
 * anchor (as GitHub's job links carry) is ignored. Anything else is one line that shows the accepted forms.
 */
export function parseRunUrl(input: string, settings: RunUrlSettings): RunUrl {
  // Never echo credentials a URL carries (https://x-access-token:ghs_...@github.com/...).
  const quoted = input.replace(/^([A-Za-z][A-Za-z0-9+.-]{0,20}:\/\/)[^/?#]*@/, '$1***@');
  const bad = (why: string): CliError => new CliError('BAD_INPUT', `"${shown(quoted)}" is not a GitHub Actions run URL: ${why} (expected ${FORMS})`);
  // The URL parser drops tabs and newlines inside a URL: refuse them (and every other control or space) first.
  // eslint-disable-next-line no-control-regex -- the point is to find control characters
  if (input.length > 2048 || /[\x00-\x20\x7f-\x9f]/.test(input)) throw bad(input.length > 2048 ? 'it is over 2048 characters' : 'it has spaces or control characters');
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw bad('it does not parse as a URL');
  }
  if (url.protocol !== 'https:') throw bad('only https URLs are read');
  if (url.username !== '' || url.password !== '') throw bad('it carries a user name or password');
  const ghHost = settings.ghHost === null || settings.ghHost === '' ? null : enterpriseHost(settings.ghHost);
  const host = url.host;
  if (host !== 'github.com' && host !== ghHost) {
    throw bad(ghHost === null ? `its host ${host} is not github.com (for GitHub Enterprise Server, set GH_HOST=${host})` : `its host ${host} is neither github.com nor GH_HOST (${ghHost})`);
  }
  const parts = url.pathname.replace(/\/$/, '').split('/').slice(1);
  const [owner = '', repo = '', actions, runs, runId = '', ...rest] = parts;
  if (actions !== 'actions' || runs !== 'runs' || parts.length < 5) throw bad('the path is not /OWNER/REPO/actions/runs/RUN_ID');
  if (!OWNER.test(owner)) throw bad(`"${shown(owner)}" is not a GitHub owner name`);
  if (!REPO.test(repo) || repo === '.' || repo === '..') throw bad(`"${shown(repo)}" is not a GitHub repository name`);
  const id = (text: string, what: string, pattern = ID): number => {
    if (!pattern.test(text) || !Number.isSafeInteger(Number(text))) throw bad(`"${shown(text)}" is not a ${what}`);
    return Number(text);
  };
  const run = id(runId, 'run id');
  let attempt: number | null = null;
  let jobId: number | null = null;
  if (rest.length === 2 && rest[0] === 'attempts') attempt = id(rest[1] ?? '', 'run attempt number', ATTEMPT);
  else if (rest.length === 2 && rest[0] === 'job') jobId = id(rest[1] ?? '', 'job id');
  else if (rest.length !== 0) throw bad(`the path goes on after the run id with "/${shown(rest.join('/'))}"`);
  return { host, apiBase: apiBaseFor(host, settings.apiUrl), owner, repo, runId: run, attempt, jobId };
}

/** GH_HOST as gh takes it: a host name (a scheme or a trailing slash is tolerated), lower-cased. */
function enterpriseHost(value: string): string {
  const host = value.trim().toLowerCase().replace(/^https:\/\//, '').replace(/\/$/, '');
  if (!HOST.test(host)) throw new CliError('BAD_INPUT', `GH_HOST must be a host name such as github.example.com (got "${shown(value)}")`);
  return host;
}

/**
 * github.com -> https://api.github.com; a GHE.com tenant (NAME.ghe.com) -> https://api.NAME.ghe.com; any other
 * host (GitHub Enterprise Server) -> https://HOST/api/v3. GITHUB_API_URL overrides it (as in an Actions job):
 * https only, or http on the loopback interface (a local stand-in for GitHub), never with credentials.
 */
function apiBaseFor(host: string, apiUrl: string | null): string {
  if (apiUrl !== null && apiUrl !== '') {
    const refuse = (why: string): CliError => new CliError('BAD_INPUT', `GITHUB_API_URL must be the API's https URL, such as https://api.github.com (${why})`);
    let url: URL;
    try {
      url = new URL(apiUrl);
    } catch {
      throw refuse('it does not parse as a URL');
    }
    const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
    if (!(url.protocol === 'https:' || (url.protocol === 'http:' && loopback))) throw refuse('http is accepted only for localhost');
    if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') throw refuse('it carries credentials, a query or a fragment');
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  }
  if (host === 'github.com') return 'https://api.github.com';
  if (host.endsWith('.ghe.com')) return `https://api.${host}`;
  return `https://${host}/api/v3`;
}
