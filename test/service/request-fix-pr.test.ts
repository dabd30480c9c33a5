import { describe, expect, it } from 'vitest';
import type { RepoWriter } from '../../src/service/repo-writer.js';
import { requestFixPr } from '../../src/service/request-fix-pr.js';
import type { RequestFixPrDeps, RequestFixPrRequest } from '../../src/service/request-fix-pr.js';
import { fakeCiHost } from '../support/fake-ci-host.js';
import type { FakeCiHostOptions } from '../support/fake-ci-host.js';
import { shippedRules } from '../support/rules.js';

// The consent and config checks of the one fix path, over fake ports: what each trigger may read.
const repo = { owner: 'acme', repo: 'gdu' };
const writer = new Proxy({} as RepoWriter, {
  get: () => () => {
    throw new Error('nothing is written in these cases');
  },
});

function setup(host: Partial<FakeCiHostOptions>) {
  const ci = fakeCiHost({ jobs: [], ...host });
  let asked = 0;
  const deps: RequestFixPrDeps = { host: ci, writer, validate: async () => ({ valid: true, errors: [] }), rules: shippedRules(), maxLogBytes: 1 << 20, monotonic: () => 0 };
  const request = (trigger: RequestFixPrRequest['trigger'], runId = 7): RequestFixPrRequest => ({
    repo,
    trigger,
    pullRequests: null,
    targets: async () => {
      asked += 1;
      return [{ runId, fingerprint: 'fp' }];
    },
  });
  return { ci, deps, request, asked: () => asked };
}

const comment = { kind: 'comment', user: 'mona', pullRequest: 4 } as const;
const slack = { kind: 'slack', user: 'slack:U1' } as const;

describe('requestFixPr', () => {
  it('refuses a commenter without write access before reading anything else', async () => {
    const { ci, deps, request, asked } = setup({ permissions: { mona: 'read' } });
    expect(await requestFixPr(request(comment), deps)).toEqual({ status: 'refused', code: 'no-permission', permission: 'read' });
    expect(ci.calls).toEqual(['permission mona']);
    expect(asked()).toBe(0);
  });

  it('refuses the Slack button unless the repository set autofix: true', async () => {
    const { ci, deps, request } = setup({ config: { autofix: 'dry-run' } });
    expect(await requestFixPr(request(slack), deps)).toEqual({ status: 'refused', code: 'autofix-off' });
    expect(ci.calls).toEqual(['config']);
  });

  it('names the bad key of an invalid config', async () => {
    const { deps, request } = setup({ permissions: { mona: 'write' }, config: { autofix: 'yes' } });
    expect(await requestFixPr(request(comment), deps)).toMatchObject({ status: 'refused', code: 'config-invalid', key: 'autofix' });
  });

  it('says which run is gone, and reads its logs only when its workflow file is known', async () => {
    const { ci, deps, request } = setup({ permissions: { mona: 'admin' }, runs: [{ runId: 8, url: null, workflowId: '1', workflowName: 'CI', workflowPath: 'dynamic/pages', headSha: 'h', pullRequests: [] }] });
    expect(await requestFixPr(request(comment, 7), deps)).toEqual({ status: 'checked', outcomes: [{ status: 'run-gone', runId: 7, fingerprint: 'fp' }] });
    expect(await requestFixPr(request(comment, 8), deps)).toEqual({ status: 'checked', outcomes: [{ status: 'no-workflow-file', runId: 8, fingerprint: 'fp', path: 'dynamic/pages' }] });
    expect(ci.calls.filter((c) => c.startsWith('jobs') || c.startsWith('log'))).toEqual([]);
  });
});
