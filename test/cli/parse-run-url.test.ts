import { describe, expect, it } from 'vitest';
import { CliError } from '../../src/cli/cli-error.js';
import { parseRunUrl, type RunUrlSettings } from '../../src/cli/parse-run-url.js';

const NONE: RunUrlSettings = { ghHost: null, apiUrl: null };
const run = { host: 'github.com', apiBase: 'https://api.github.com', owner: 'octo-org', repo: 'my.repo_1', runId: 123456789, attempt: null, jobId: null };

describe('parseRunUrl', () => {
  it.each([
    ['https://github.com/octo-org/my.repo_1/actions/runs/123456789', run],
    ['https://github.com/octo-org/my.repo_1/actions/runs/123456789/', run],
    ['https://GitHub.com:443/octo-org/my.repo_1/actions/runs/123456789', run],
    ['https://github.com/octo-org/my.repo_1/actions/runs/123456789/attempts/2', { ...run, attempt: 2 }],
    ['https://github.com/octo-org/my.repo_1/actions/runs/123456789/job/987654321', { ...run, jobId: 987654321 }],
    // GitHub's job links carry the pull request and the step anchor.
    ['https://github.com/octo-org/my.repo_1/actions/runs/123456789/job/987654321?pr=42#step:4:12', { ...run, jobId: 987654321 }],
  ])('reads %s', (url, want) => {
    expect(parseRunUrl(url, NONE)).toEqual(want);
  });

  it.each([
    [{ ghHost: 'ghe.example.com', apiUrl: null }, 'https://ghe.example.com/o/r/actions/runs/7', 'https://ghe.example.com/api/v3'],
    [{ ghHost: 'https://GHE.example.com/', apiUrl: null }, 'https://ghe.example.com/o/r/actions/runs/7', 'https://ghe.example.com/api/v3'],
    [{ ghHost: 'octocorp.ghe.com', apiUrl: null }, 'https://octocorp.ghe.com/o/r/actions/runs/7', 'https://api.octocorp.ghe.com'],
    [{ ghHost: 'ghe.example.com', apiUrl: null }, 'https://github.com/o/r/actions/runs/7', 'https://api.github.com'],
    [{ ghHost: null, apiUrl: 'http://127.0.0.1:8080/api/v3/' }, 'https://github.com/o/r/actions/runs/7', 'http://127.0.0.1:8080/api/v3'],
    [{ ghHost: null, apiUrl: 'https://api.github.com' }, 'https://github.com/o/r/actions/runs/7', 'https://api.github.com'],
  ])('takes the API base from the host, or GITHUB_API_URL (%j)', (settings, url, apiBase) => {
    expect(parseRunUrl(url, settings).apiBase).toBe(apiBase);
  });

  it.each([
    ['http://github.com/o/r/actions/runs/1', 'only https URLs are read'],
    ['https://user:pass@github.com/o/r/actions/runs/1', 'it carries a user name or password'],
    ['https://token@github.com/o/r/actions/runs/1', 'it carries a user name or password'],
    ['https://evil.example/o/r/actions/runs/1', 'its host evil.example is not github.com (for GitHub Enterprise Server, set GH_HOST=evil.example)'],
    ['https://github.com.evil.example/o/r/actions/runs/1', 'its host github.com.evil.example is not github.com'],
    ['https://api.github.com/repos/o/r/actions/runs/1', 'its host api.github.com is not github.com'],
    ['https://github.com:8443/o/r/actions/runs/1', 'its host github.com:8443 is not github.com'],
    ['https://github.com/o/r/actions/runs/1\n/job/2', 'it has spaces or control characters'],
    ['https://github.com/o/r/act\tions/runs/1', 'it has spaces or control characters'],
    ['https://github.com/o/r/actions/runs/1\u0085', 'it has spaces or control characters'],
    [`https://github.com/o/r/actions/runs/${'1'.repeat(2100)}`, 'it is over 2048 characters'],
    ['https://', 'it does not parse as a URL'],
    ['https://github.com/o/r/actions/runs', 'the path is not /OWNER/REPO/actions/runs/RUN_ID'],
    ['https://github.com/o/r/runs/123', 'the path is not /OWNER/REPO/actions/runs/RUN_ID'],
    ['https://github.com/o/r/pull/5', 'the path is not /OWNER/REPO/actions/runs/RUN_ID'],
    ['https://github.com/o/r/actions/workflows/ci.yml', 'the path is not /OWNER/REPO/actions/runs/RUN_ID'],
    ['https://github.com/-o/r/actions/runs/1', '"-o" is not a GitHub owner name'],
    ['https://github.com/o%2F..%2F/r/actions/runs/1', 'is not a GitHub owner name'],
    ['https://github.com/../r/actions/runs/1', 'the path is not /OWNER/REPO/actions/runs/RUN_ID'],
    // The URL parser resolves %2e%2e like '..': the path no longer has its shape.
    ['https://github.com/o/%2e%2e/actions/runs/1', 'the path is not /OWNER/REPO/actions/runs/RUN_ID'],
    ['https://github.com/o/r%3Fx/actions/runs/1', '"r%3Fx" is not a GitHub repository name'],
    [`https://github.com/${'a'.repeat(40)}/r/actions/runs/1`, 'is not a GitHub owner name'],
    ['https://github.com/o/r/actions/runs/0', '"0" is not a run id'],
    ['https://github.com/o/r/actions/runs/-1', '"-1" is not a run id'],
    ['https://github.com/o/r/actions/runs/1e9', '"1e9" is not a run id'],
    ['https://github.com/o/r/actions/runs/0x10', '"0x10" is not a run id'],
    ['https://github.com/o/r/actions/runs/9007199254740993', '"9007199254740993" is not a run id'],
    ['https://github.com/o/r/actions/runs/12345678901234567', '"12345678901234567" is not a run id'],
    ['https://github.com/o/r/actions/runs/1/attempts/0', '"0" is not a run attempt number'],
    ['https://github.com/o/r/actions/runs/1/job/abc', '"abc" is not a job id'],
    ['https://github.com/o/r/actions/runs/1/job', 'the path goes on after the run id with "/job"'],
    ['https://github.com/o/r/actions/runs/1/attempts/2/job/3', 'the path goes on after the run id with "/attempts/2/job/3"'],
    ['https://github.com/o/r/actions/runs/1/logs', 'the path goes on after the run id with "/logs"'],
  ])('refuses %s in one line', (url, why) => {
    let error: unknown;
    try {
      parseRunUrl(url, NONE);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CliError);
    const message = (error as CliError).message;
    expect(message).toContain(why);
    expect(message).toMatch(/^".*" is not a GitHub Actions run URL: .* \(expected https:\/\/github\.com\/OWNER\/REPO\/actions\/runs\/RUN_ID, …\/runs\/RUN_ID\/attempts\/N or …\/runs\/RUN_ID\/job\/JOB_ID\)$/s);
    // Control characters never reach the terminal.
    expect(message).not.toMatch(/[\n\t\u0085]/);
    expect(message.length).toBeLessThan(700);
  });

  it('accepts only GH_HOST itself besides github.com', () => {
    expect(() => parseRunUrl('https://other.example.com/o/r/actions/runs/1', { ghHost: 'ghe.example.com', apiUrl: null })).toThrow('its host other.example.com is neither github.com nor GH_HOST (ghe.example.com)');
    expect(() => parseRunUrl('https://github.com/o/r/actions/runs/1', { ghHost: 'bad host/x', apiUrl: null })).toThrow('GH_HOST must be a host name such as github.example.com (got "bad host/x")');
  });

  it.each([
    ['http://api.github.com', 'http is accepted only for localhost'],
    ['http://10.0.0.1:8080', 'http is accepted only for localhost'],
    ['ftp://api.github.com', 'http is accepted only for localhost'],
    ['https://user:secret@api.github.com', 'it carries credentials, a query or a fragment'],
    ['https://api.github.com/?x=1', 'it carries credentials, a query or a fragment'],
    ['not a url', 'it does not parse as a URL'],
  ])('refuses GITHUB_API_URL=%s', (apiUrl, why) => {
    expect(() => parseRunUrl('https://github.com/o/r/actions/runs/1', { ghHost: null, apiUrl })).toThrow(`GITHUB_API_URL must be the API's https URL, such as https://api.github.com (${why})`);
  });
});

describe('a run URL that carries credentials', () => {
  it('is refused without echoing them (a token pasted in a URL never reaches stderr or a CI log)', () => {
    const settings = { ghHost: null, apiUrl: null };
    for (const url of ['https://x-access-token:ghs_SECRETSECRET@github.com/o/r/actions/runs/1', 'https://ghp_SECRETSECRET@github.com/o/r/actions/runs/1']) {
      let message = '';
      try {
        parseRunUrl(url, settings);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toContain('it carries a user name or password');
      expect(message).toContain('https://***@github.com/o/r/actions/runs/1');
      expect(message).not.toContain('SECRET');
    }
  });
});
