import { CliError } from './cli-error.js';
import type { LogInputs, OpenedLog } from './log-unit.js';
import { shown } from './zip-archive.js';

/** `goarch diagnose https://github.com/OWNER/REPO/actions/runs/ID[/job/ID]`. */
export function isLogUrl(input: string): boolean {
  return /^https?:\/\//i.test(input);
}

/**
 * The place for a log that is a URL (a GitHub Actions run or job): it will download the failed jobs'
 * logs through the service's CI-host port (GH_TOKEN or GITHUB_TOKEN, GH_HOST from `inputs.env`), streamed
 * and capped at `inputs.maxBytes`, and return one unit per job, like an archive. Until that port exists it
 * says what to do instead.
 */
export function openUrlLog(url: string, _inputs: LogInputs): Promise<OpenedLog> {
  return Promise.reject(new CliError('BAD_INPUT', `"${shown(url)}": diagnosing a run URL is not supported yet; download the log (gh run view RUN_ID --log-failed > failed.log) and give goarch the file`));
}
