import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { API, BLOB, FIXTURE, TOKEN_REPLY, fixtureBody, track, uniqueRepo } from '../github/github-test-kit.js';
import { GITHUB_ENV } from '../server/test-server.js';
import { actionBody, blockKitProblems, FORM, JSON_TYPE, commandBody, fakeSlack, mentionBody, post, slackHeaders, startSlackServer, waitFor } from './slack-test-kit.js';
import type { FakeSlack, SlackServer } from './slack-test-kit.js';

type Repo = ReturnType<typeof uniqueRepo>;

describe('/goarch diagnose <run or job URL> through the GitHub App', () => {
  let server: SlackServer;
  let slack: FakeSlack;
  let api: nock.Scope;
  let blob: nock.Scope;
  let calls: string[];
  let r: Repo;
  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    server = await startSlackServer({ ...GITHUB_ENV, SLACK_CHANNEL_REPOS: ['CGH1', 'CGH2', 'CGH3', 'CGH4', 'CGH5', 'CGH6', 'CGH7'].map((c) => `${c}=octo-org/*`).join(',') + ',CMAPPED=acme/other' });
  });
  beforeEach(() => {
    slack = fakeSlack();
    r = uniqueRepo();
    api = nock(API);
    blob = nock(BLOB);
    calls = [];
    track(calls, api, blob);
  });
  afterEach(() => {
    // Every expected GitHub call was made.
    expect({ api: api.pendingMocks(), blob: blob.pendingMocks() }).toEqual({ api: [], blob: [] });
    nock.cleanAll();
  });
  afterAll(async () => {
    await server.close();
    nock.enableNetConnect();
  });

  const repoPath = () => `/repos/${r.owner}/${r.repo}`;
  const runUrl = (runId: number) => `https://github.com/${r.owner}/${r.repo}/actions/runs/${runId}`;

  function mockInstallation(status = 200): void {
    if (status === 200) {
      api.get(`${repoPath()}/installation`).reply(200, { id: r.installationId, account: { login: r.owner } });
      api.post(`/app/installations/${r.installationId}/access_tokens`).reply(201, TOKEN_REPLY);
    } else {
      api.get(`${repoPath()}/installation`).reply(status, { message: 'Not Found' });
    }
  }

  /** A run with a failed job `jobId` (its log behind the usual 302) and a successful one. */
  function mockRun(runId: number, jobId: number, log: string | { status: number }): void {
    api.get(`${repoPath()}/actions/runs/${runId}/jobs`).query(true).reply(200, {
      total_count: 2,
      jobs: [
        { id: jobId, name: 'build (arm64)', conclusion: 'failure', html_url: `${runUrl(runId)}/job/${jobId}`, steps: [{ number: 3, conclusion: 'failure' }] },
        { id: jobId + 1, name: 'lint', conclusion: 'success', html_url: `${runUrl(runId)}/job/${jobId + 1}`, steps: [] },
      ],
    });
    if (typeof log !== 'string') {
      api.get(`${repoPath()}/actions/jobs/${jobId}/logs`).reply(log.status, { message: 'Gone' });
      return;
    }
    api.get(`${repoPath()}/actions/jobs/${jobId}/logs`).reply(302, '', { location: `${BLOB}/actions-results/${jobId}/logs/job.txt?sig=abc` });
    blob.get(`/actions-results/${jobId}/logs/job.txt`).query({ sig: 'abc' }).reply(200, fixtureBody(log), { 'content-type': 'text/plain' });
  }

  const command = async (text: string, channel: string) => {
    const body = commandBody(text, { channel });
    const res = await post(server, '/slack/commands', body, slackHeaders(body, FORM));
    return { status: res.status, body: JSON.parse(res.text) as Record<string, unknown> };
  };

  it('reads the failed job log through the installation and posts the diagnosis with a link to the run', async () => {
    mockInstallation();
    mockRun(801, 9801, FIXTURE.cgo);
    const started = Date.now();
    const res = await command(`diagnose <${runUrl(801)}>`, 'CGH1');
    expect(Date.now() - started).toBeLessThan(3000);
    expect(res).toEqual({ status: 200, body: { response_type: 'ephemeral', text: `Diagnosing ${runUrl(801)} ...` } });
    await waitFor(() => slack.calls.length === 1, 'the post');
    expect(calls).toEqual([
      `GET ${repoPath()}/installation`,
      `POST /app/installations/${r.installationId}/access_tokens`,
      `GET ${repoPath()}/actions/runs/801/jobs`,
      `GET ${repoPath()}/actions/jobs/9801/logs`,
      'GET /actions-results/9801/logs/job.txt',
    ]);
    const [postCall] = slack.calls;
    expect(postCall).toMatchObject({ method: 'chat.postMessage', args: { channel: 'CGH1' } });
    const blocks = JSON.stringify(postCall?.args['blocks']);
    expect(blocks).toContain('cgo-cross-linker');
    expect(blocks).toContain(`<${runUrl(801)}|run>`);
    expect(blocks).toContain('goarch_open_fix_pr');
    expect(blocks).toContain(JSON.stringify(`{"s":"slack:CGH1","f":`).slice(1, -1));
    expect(blockKitProblems(postCall?.args['blocks'])).toEqual([]);
    expect(slack.responses).toEqual([]);
  });

  // Issue 13, hole 7: which channel may ask about which repository.
  it('never diagnoses a private repository from a channel without a mapping: nothing of its logs is read or posted', async () => {
    mockInstallation();
    api.get(repoPath()).reply(200, { private: true, visibility: 'private' });
    await command(`diagnose ${runUrl(811)}`, 'CUNMAPPED');
    await waitFor(() => slack.responses.length === 1, 'the ephemeral answer');
    expect(String(slack.responses[0]?.['text'])).toBe(`\`${r.owner}/${r.repo}\` is not public, and this channel is not mapped to it, so goarch does not post its logs here. The goarch admin can map the channel to it in SLACK_CHANNEL_REPOS.`);
    expect(calls.filter((c) => c.includes('/actions/'))).toEqual([]);
    expect(slack.calls).toEqual([]);
  });

  it('diagnoses a public repository from a channel without a mapping', async () => {
    mockInstallation();
    api.get(repoPath()).reply(200, { private: false, visibility: 'public' });
    mockRun(812, 9812, FIXTURE.cgo);
    await command(`diagnose ${runUrl(812)}`, 'CPUBLIC');
    await waitFor(() => slack.calls.length === 1, 'the post');
    expect(slack.calls[0]).toMatchObject({ method: 'chat.postMessage', args: { channel: 'CPUBLIC' } });
  });

  it('refuses a repository that is not the one mapped to the channel, without calling GitHub', async () => {
    await command(`diagnose ${runUrl(813)}`, 'CMAPPED');
    await waitFor(() => slack.responses.length === 1, 'the ephemeral answer');
    expect(String(slack.responses[0]?.['text'])).toBe(`This channel may not ask about \`${r.owner}/${r.repo}\` (SLACK_CHANNEL_REPOS maps it to other repositories). Ask in the channel of that repository.`);
    expect(calls).toEqual([]);
    expect(slack.calls).toEqual([]);
  });

  it('reads only the job of a job URL', async () => {
    mockInstallation();
    mockRun(802, 9802, FIXTURE.exec);
    await command(`diagnose ${runUrl(802)}/job/9802?pr=4#step:3:1`, 'CGH2');
    await waitFor(() => slack.calls.length === 1, 'the post');
    expect(calls).toContain(`GET ${repoPath()}/actions/jobs/9802/logs`);
    expect(JSON.stringify(slack.calls[0]?.args['blocks'])).toContain(`<${runUrl(802)}/job/9802|run>`);
  });

  it('says so when the app is not installed on the repository', async () => {
    mockInstallation(404);
    await command(`diagnose ${runUrl(803)}`, 'CGH3');
    await waitFor(() => slack.responses.length === 1, 'the ephemeral answer');
    expect(slack.responses[0]).toMatchObject({
      response_type: 'ephemeral',
      text: `The goarch GitHub App is not installed on \`${r.owner}/${r.repo}\`, so I cannot read its logs. Install it on the repository (GitHub → Settings → GitHub Apps), or paste the log.`,
    });
    expect(slack.calls).toEqual([]);
  });

  it.each([404, 410])('says the log is gone when GitHub answers %i for it', async (status) => {
    mockInstallation();
    mockRun(804, 9804, { status });
    await command(`diagnose ${runUrl(804)}`, 'CGH4');
    await waitFor(() => slack.responses.length === 1, 'the ephemeral answer');
    expect(String(slack.responses[0]?.['text'])).toMatch(new RegExp(`^The logs of the failed jobs of run 804 in \`${r.owner}/${r.repo}\` are gone`));
    expect(slack.calls).toEqual([]);
  });

  it('says so when the run does not exist', async () => {
    mockInstallation();
    api.get(`${repoPath()}/actions/runs/805/jobs`).query(true).reply(404, { message: 'Not Found' });
    await command(`diagnose ${runUrl(805)}`, 'CGH5');
    await waitFor(() => slack.responses.length === 1, 'the ephemeral answer');
    expect(slack.responses[0]).toMatchObject({ text: `GitHub has no run 805 in \`${r.owner}/${r.repo}\` (deleted, or a typo in the URL).` });
  });

  it('"Open fix PR" goes to the GitHub fix publisher for an allowed user, which needs the repository\'s autofix opt-in', async () => {
    mockInstallation();
    const config = /\/contents\/\.github(%2F|\/)goarch\.yml/;
    api.get((path) => config.test(path) && path.startsWith(`${repoPath()}/`)).reply(404, { message: 'Not Found' });
    api.get((path) => config.test(path) && path.startsWith(`/repos/${r.owner}/.github/`)).reply(404, { message: 'Not Found' });
    const value = JSON.stringify({ s: 'slack:CGH7', f: 'fp-1', r: { o: r.owner, n: r.repo, id: 807 } });
    const body = actionBody({ actionId: 'goarch_open_fix_pr', value, ts: '1700000000.000001', channel: 'CGH7', user: 'UALLOWED' });
    expect((await post(server, '/slack/actions', body, slackHeaders(body, FORM))).status).toBe(200);
    await waitFor(() => slack.responses.length === 1, 'the answer');
    expect(slack.responses[0]).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining(`fix pull requests are off for ${r.owner}/${r.repo}: set`) });
    expect(calls.slice(0, 2)).toEqual([`GET ${repoPath()}/installation`, `POST /app/installations/${r.installationId}/access_tokens`]);
    expect(slack.calls).toEqual([]);
  });

  it('answers `@goarch diagnose <URL>` in the thread of the mention', async () => {
    mockInstallation();
    mockRun(806, 9806, FIXTURE.cgo);
    const body = mentionBody({ eventId: `Ev${r.installationId}`, text: `<@UBOT> diagnose <${runUrl(806)}>`, channel: 'CGH6', ts: '1700000300.000300', threadTs: '1700000299.000299' });
    const res = await post(server, '/slack/events', body, slackHeaders(body, JSON_TYPE));
    expect(res.status).toBe(200);
    await waitFor(() => slack.calls.length === 1, 'the post');
    expect(slack.calls[0]).toMatchObject({ method: 'chat.postMessage', args: { channel: 'CGH6', thread_ts: '1700000299.000299' } });
  });
});
