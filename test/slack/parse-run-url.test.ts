import { describe, expect, it } from 'vitest';
import { parseRunUrl } from '../../src/slack/parse-run-url.js';

const RUN = 'https://github.com/octo-org/octo-repo/actions/runs/123';

describe('parseRunUrl', () => {
  it.each([
    [RUN, { runId: 123, jobId: null, url: RUN }],
    [`${RUN}/`, { runId: 123, jobId: null, url: RUN }],
    [`${RUN}/job/456`, { runId: 123, jobId: 456, url: `${RUN}/job/456` }],
    [`${RUN}/jobs/456`, { runId: 123, jobId: 456, url: `${RUN}/job/456` }],
    [`${RUN}/job/456?pr=7#step:4:12`, { runId: 123, jobId: 456, url: `${RUN}/job/456` }],
    [`${RUN}/attempts/2`, { runId: 123, jobId: null, url: RUN }],
    [`${RUN}/attempts/2/job/456`, { runId: 123, jobId: 456, url: `${RUN}/job/456` }],
    [`${RUN}/workflow`, { runId: 123, jobId: null, url: RUN }],
    ['https://www.github.com/octo-org/octo-repo/actions/runs/123', { runId: 123, jobId: null, url: RUN }],
  ])('reads %s', (url, expected) => {
    expect(parseRunUrl(url, 'https://github.com')).toEqual({ owner: 'octo-org', repo: 'octo-repo', ...expected });
  });

  it.each([
    'https://github.com/octo-org/octo-repo/pull/7',
    'https://github.com/octo-org/octo-repo/actions',
    'https://github.com/octo-org/octo-repo/actions/runs/abc',
    'https://github.com/octo-org/octo-repo/runs/456',
    'https://github.com/octo-org/octo-repo/actions/runs/123/artifacts/9',
    'https://gitlab.com/octo-org/octo-repo/actions/runs/123',
    'https://ghe.example.com/octo-org/octo-repo/actions/runs/123',
    'not a url',
  ])('refuses %s', (url) => {
    expect(parseRunUrl(url, 'https://github.com')).toBeNull();
  });

  it('reads URLs of the GitHub Enterprise host it is configured for', () => {
    expect(parseRunUrl('https://ghe.example.com/o/r/actions/runs/5/job/6', 'https://ghe.example.com')).toEqual({ owner: 'o', repo: 'r', runId: 5, jobId: 6, url: 'https://ghe.example.com/o/r/actions/runs/5/job/6' });
    expect(parseRunUrl(RUN, 'https://ghe.example.com')).toBeNull();
  });
});
