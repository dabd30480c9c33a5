import { readFileSync } from 'node:fs';
import nock from 'nock';
import pino from 'pino';
import { Probot } from 'probot';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { diagnoseText } from '../../src/core/diagnose/diagnose-log.js';
import { githubFixPublisher } from '../../src/github/github-fix-publisher.js';
import type { FixPublisher } from '../../src/service/fix-publisher.js';
import { loadRuleSet } from '../../src/service/load-rule-set.js';
import { TEST_PRIVATE_KEY } from '../server/test-server.js';
import { loadWorkflowValidator } from '../core/fix/load-workflow-validator.js';
import { API, BLOB, TOKEN_REPLY, TestOctokit, fixtureBody, track, uniqueRepo } from './github-test-kit.js';

const LOG = 'fixtures/logs/lab/exec-arm64-go-test.log';
const WORKFLOW = readFileSync('fixtures/workflows/native-runner-matrix.yml', 'utf8');
const WORKFLOW_PATH = '.github/workflows/ci.yml';
const rules = loadRuleSet();
const FINGERPRINT = diagnoseText(readFileSync(LOG, 'utf8'), rules).incidents[0]?.fingerprint ?? '';
const BRANCH = `goarch/fix-${FINGERPRINT.slice(0, 8)}`;
const CONFIG = /\/contents\/\.github(%2F|\/)goarch\.yml/;
const RAW = { 'content-type': 'application/vnd.github.raw; charset=utf-8' };
const at = (path: string) => (uri: string) => decodeURIComponent(uri.split('?')[0] ?? '') === path;

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());

/** The Slack "Open fix PR" button's port, over a real Probot (app JWT, installation token) against nock. */
describe('githubFixPublisher (the Slack "Open fix PR" button)', () => {
  let r: ReturnType<typeof uniqueRepo>;
  let api: nock.Scope;
  let blob: nock.Scope;
  let calls: string[];
  let publisher: FixPublisher;

  beforeEach(async () => {
    r = uniqueRepo();
    api = nock(API);
    blob = nock(BLOB);
    calls = [];
    track(calls, api, blob);
    const probot = new Probot({ appId: 1, privateKey: TEST_PRIVATE_KEY, Octokit: TestOctokit, log: pino({ level: 'silent' }) });
    publisher = githubFixPublisher({ probot, rules, maxLogBytes: 10 * 1024 * 1024, validate: await loadWorkflowValidator() });
  });
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    expect(pending).toEqual([]);
  });

  const repoPath = () => `/repos/${r.owner}/${r.repo}`;
  const request = () => ({ repo: { owner: r.owner, repo: r.repo }, runId: 601, fingerprint: FINGERPRINT, requestedBy: 'slack:UALLOWED' });

  function mockInstallation(config: string | null): void {
    api.get(`${repoPath()}/installation`).reply(200, { id: r.installationId });
    api.post(`/app/installations/${r.installationId}/access_tokens`).reply(201, TOKEN_REPLY);
    if (config === null) {
      api.get((path) => CONFIG.test(path) && path.startsWith(`${repoPath()}/`)).reply(404, {});
      api.get((path) => CONFIG.test(path) && path.startsWith(`/repos/${r.owner}/.github/`)).reply(404, {});
    } else {
      api.get((path) => CONFIG.test(path) && path.startsWith(`${repoPath()}/`)).reply(200, config, RAW);
    }
  }

  it('opens the fix pull request of a repository with autofix: true, re-reading the incident from the run', async () => {
    mockInstallation('autofix: true\n');
    api.get(`${repoPath()}/actions/runs/601`).reply(200, { id: 601, path: WORKFLOW_PATH, name: 'CI', html_url: `https://github.com/${r.owner}/${r.repo}/actions/runs/601`, pull_requests: [{ number: 2 }] });
    api.get(`${repoPath()}/actions/runs/601/jobs`).query(true).reply(200, { total_count: 1, jobs: [{ id: 8601, name: 'test', conclusion: 'failure', html_url: 'https://github.com/j/8601', steps: [] }] });
    api.get(`${repoPath()}/actions/jobs/8601/logs`).reply(302, '', { location: `${BLOB}/actions-results/8601/logs/job.txt?sig=abc` });
    blob.get('/actions-results/8601/logs/job.txt').query(true).reply(200, fixtureBody(LOG));
    api.get(repoPath()).reply(200, { default_branch: 'main' });
    api.get(`${repoPath()}/branches/main`).reply(200, { name: 'main', commit: { sha: 'base-sha', commit: { tree: { sha: 'base-tree' } } } });
    api.get(at(`${repoPath()}/contents/${WORKFLOW_PATH}`)).query({ ref: 'base-sha' }).reply(200, WORKFLOW, RAW);
    api.get(`${repoPath()}/pulls`).query(true).reply(200, []);
    api.get((uri) => decodeURIComponent(uri) === `${repoPath()}/git/ref/heads/${BRANCH}`).reply(404, { message: 'Not Found' });
    api.post(`${repoPath()}/git/trees`).reply(201, { sha: 'fix-tree' });
    api.post(`${repoPath()}/git/commits`).reply(201, { sha: 'fix-commit' });
    api.post(`${repoPath()}/git/refs`, { ref: `refs/heads/${BRANCH}`, sha: 'fix-commit' }).reply(201, {});
    let body = '';
    api.post(`${repoPath()}/pulls`).reply(201, (_uri, sent) => {
      body = (sent as { body: string }).body;
      return { number: 14, html_url: `https://github.com/${r.owner}/${r.repo}/pull/14` };
    });

    expect(await publisher.openFixPullRequest(request())).toEqual({ ok: true, url: `https://github.com/${r.owner}/${r.repo}/pull/14`, created: true });
    expect(calls).toEqual([
      `GET ${repoPath()}/installation`,
      `POST /app/installations/${r.installationId}/access_tokens`,
      `GET ${repoPath()}/contents/.github/goarch.yml`,
      `GET ${repoPath()}/actions/runs/601`,
      `GET ${repoPath()}/actions/runs/601/jobs`,
      `GET ${repoPath()}/actions/jobs/8601/logs`,
      'GET /actions-results/8601/logs/job.txt',
      `GET ${repoPath()}`,
      `GET ${repoPath()}/branches/main`,
      `GET ${repoPath()}/contents/${WORKFLOW_PATH}`,
      `GET ${repoPath()}/pulls`,
      `GET ${repoPath()}/git/ref/heads/${BRANCH}`,
      `POST ${repoPath()}/git/trees`,
      `POST ${repoPath()}/git/commits`,
      `POST ${repoPath()}/git/refs`,
      `POST ${repoPath()}/pulls`,
    ]);
    expect(body).toContain('Requested from Slack by slack:UALLOWED.');
  });

  it('refuses, with the way in, when the repository has not opted in to fix pull requests', async () => {
    mockInstallation(null);
    expect(await publisher.openFixPullRequest(request())).toEqual({
      ok: false,
      reason: `fix pull requests are off for ${r.owner}/${r.repo}: set \`autofix: true\` in .github/goarch.yml, or have someone with write access comment \`/goarch fix\` on the pull request`,
    });
    expect(calls).toHaveLength(4);
  });

  it('says when the app is not installed on the repository', async () => {
    api.get(`${repoPath()}/installation`).reply(404, { message: 'Not Found' });
    expect(await publisher.openFixPullRequest(request())).toEqual({ ok: false, reason: `the goarch GitHub App is not installed on ${r.owner}/${r.repo}` });
  });
});
