import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { diagnoseText } from '../../src/core/diagnose/diagnose-log.js';
import type { Incident } from '../../src/core/model/index.js';
import { loadRuleSet } from '../../src/service/load-rule-set.js';
import { openFixPr } from '../../src/service/open-fix-pr.js';
import type { OpenFixPrRequest } from '../../src/service/open-fix-pr.js';
import type { WorkflowValidator } from '../../src/service/propose-workflow-fix.js';
import { readFixPrState } from '../../src/service/render-fix-pr-body.js';
import type { BranchPullRequest, FileCommit, RepoWriter } from '../../src/service/repo-writer.js';
import { ServiceError } from '../../src/service/service-error.js';
import { loadWorkflowValidator } from '../core/fix/load-workflow-validator.js';

const WORKFLOW = readFileSync('fixtures/workflows/native-runner-matrix.yml', 'utf8');
const PATH = '.github/workflows/ci.yml';
const repo = { owner: 'acme', repo: 'gdu' };

let incident: Incident;
let validate: WorkflowValidator;
beforeAll(async () => {
  const rules = loadRuleSet();
  const found = diagnoseText(readFileSync('fixtures/logs/lab/exec-arm64-go-test.log', 'utf8'), rules).incidents[0];
  if (found === undefined) throw new Error('the fixture log shows no incident');
  incident = found;
  validate = await loadWorkflowValidator();
});

/** A repository in memory: what the use case wrote, in order. */
function memoryWriter(options: { workflow?: string | null; defaultBranch?: string; pull?: BranchPullRequest | null; branchHead?: string | null } = {}) {
  const writes: string[] = [];
  const commits: FileCommit[] = [];
  const bodies: string[] = [];
  const writer: RepoWriter = {
    defaultBranch: async () => ({ name: options.defaultBranch ?? 'main', sha: 'base-2', treeSha: 'tree-2' }),
    readFile: async (_repo, path, ref) => (path === PATH && ref === 'base-2' ? (options.workflow === undefined ? WORKFLOW : options.workflow) : null),
    findPullRequest: async (_repo, branch) => (options.pull === undefined || options.pull === null ? null : { ...options.pull, url: `https://github.com/acme/gdu/pull/${options.pull.number}#${branch}` }),
    branchHead: async () => options.branchHead ?? (options.pull?.state === 'open' ? options.pull.headSha : null),
    createCommit: async (_repo, commit) => {
      commits.push(commit);
      writes.push(`commit on ${commit.parentSha}`);
      return { sha: 'fix-commit' };
    },
    pointBranch: async (_repo, branch, sha, { exists }) => {
      writes.push(`${exists ? 'move' : 'create'} ${branch} -> ${sha}`);
    },
    createPullRequest: async (_repo, pr) => {
      bodies.push(pr.body);
      writes.push(`open PR ${pr.head} -> ${pr.base}: ${pr.title}`);
      return { number: 12, url: 'https://github.com/acme/gdu/pull/12', existed: false };
    },
    updatePullRequest: async (_repo, number, pr) => {
      bodies.push(pr.body);
      writes.push(`edit PR #${number}: ${pr.title}`);
    },
  };
  return { writer, writes, commits, bodies };
}

const request = (trigger: OpenFixPrRequest['trigger'] = { kind: 'autofix' }): OpenFixPrRequest => ({
  repo,
  workflowPath: PATH,
  incident,
  run: { id: 501, url: 'https://github.com/acme/gdu/actions/runs/501', workflowName: 'test' },
  pullRequests: [2],
  trigger,
});

describe('openFixPr', () => {
  it('opens one pull request from goarch/fix-<8 of fingerprint> with one commit on the default branch head', async () => {
    const memory = memoryWriter();
    const result = await openFixPr(request(), { writer: memory.writer, validate });
    const branch = `goarch/fix-${incident.fingerprint.slice(0, 8)}`;
    expect(result).toEqual({ status: 'opened', number: 12, url: 'https://github.com/acme/gdu/pull/12', branch });
    expect(memory.writes).toEqual(['commit on base-2', `create ${branch} -> fix-commit`, `open PR ${branch} -> main: ci: fix exec-format-error in ${PATH}`]);
    expect(memory.commits[0]).toMatchObject({ parentSha: 'base-2', baseTreeSha: 'tree-2', path: PATH });
    expect(memory.commits[0]?.content).toContain("runs-on: ${{ matrix.goarch == 'arm64' && 'ubuntu-24.04-arm' || 'ubuntu-24.04' }}");
    const body = memory.bodies[0] ?? '';
    expect(body).toContain('```diff\n--- a/.github/workflows/ci.yml\n+++ b/.github/workflows/ci.yml\n');
    expect(body).toContain('-    runs-on: ubuntu-24.04\n');
    expect(body).toContain('## The diagnosis');
    expect(body).toContain('## How to check it');
    expect(body).toContain('on #2');
    expect(readFixPrState(body)).toEqual({ fingerprint: incident.fingerprint, base: 'base-2', head: 'fix-commit', content: expect.stringMatching(/^[0-9a-f]{16}$/) });
  });

  it('force-moves the branch to a fresh commit and edits the open pull request, never opening a second', async () => {
    const first = memoryWriter();
    await openFixPr(request(), { writer: first.writer, validate });
    // The default branch moved (base-1 → base-2) since goarch pushed `old-commit`.
    const oldBody = (first.bodies[0] ?? '').replace('"base":"base-2","head":"fix-commit"', '"base":"base-1","head":"old-commit"');
    const memory = memoryWriter({ pull: { number: 7, url: '', state: 'open', merged: false, headSha: 'old-commit', body: oldBody } });
    const result = await openFixPr(request(), { writer: memory.writer, validate });
    expect(result).toMatchObject({ status: 'updated', number: 7 });
    const branch = `goarch/fix-${incident.fingerprint.slice(0, 8)}`;
    expect(memory.writes).toEqual(['commit on base-2', `move ${branch} -> fix-commit`, `edit PR #7: ci: fix exec-format-error in ${PATH}`]);
  });

  it('writes nothing when the open pull request already holds this fix on the current default branch', async () => {
    const first = memoryWriter();
    await openFixPr(request(), { writer: first.writer, validate });
    const memory = memoryWriter({ pull: { number: 7, url: '', state: 'open', merged: false, headSha: 'fix-commit', body: first.bodies[0] ?? '' } });
    expect(await openFixPr(request(), { writer: memory.writer, validate })).toMatchObject({ status: 'unchanged', number: 7 });
    expect(memory.writes).toEqual([]);
  });

  it('leaves a branch someone else pushed to alone', async () => {
    const first = memoryWriter();
    await openFixPr(request(), { writer: first.writer, validate });
    const memory = memoryWriter({ pull: { number: 7, url: '', state: 'open', merged: false, headSha: 'a-maintainers-commit', body: first.bodies[0] ?? '' } });
    expect(await openFixPr(request(), { writer: memory.writer, validate })).toMatchObject({ status: 'declined', reason: expect.stringContaining('someone else pushed') });
    expect(memory.writes).toEqual([]);
  });

  it('never moves a goarch/fix- branch without an open pull request whose head is not a commit goarch made (issue 13, hole 5)', async () => {
    const stranger = memoryWriter({ branchHead: 'a-strangers-commit' });
    expect(await openFixPr(request({ kind: 'comment', user: 'octocat', pullRequest: 2 }), { writer: stranger.writer, validate })).toMatchObject({
      status: 'declined',
      number: null,
      reason: expect.stringContaining('is not a commit goarch made; goarch leaves the branch alone'),
    });
    expect(stranger.writes).toEqual([]);
    // The branch a closed goarch pull request left, still at goarch's commit, is goarch's: moved when a person asks.
    const first = memoryWriter();
    await openFixPr(request(), { writer: first.writer, validate });
    const closed: BranchPullRequest = { number: 7, url: '', state: 'closed', merged: false, headSha: 'fix-commit', body: first.bodies[0] ?? '' };
    const left = memoryWriter({ pull: closed, branchHead: 'fix-commit' });
    expect(await openFixPr(request({ kind: 'comment', user: 'octocat', pullRequest: 2 }), { writer: left.writer, validate })).toMatchObject({ status: 'opened' });
    expect(left.writes[1]).toMatch(/^move goarch\/fix-/);
  });

  it('does not reopen a fix closed without merging on its own, but does when a person asks', async () => {
    const closed: BranchPullRequest = { number: 7, url: '', state: 'closed', merged: false, headSha: 'old', body: '' };
    const auto = memoryWriter({ pull: closed });
    expect(await openFixPr(request(), { writer: auto.writer, validate })).toMatchObject({ status: 'declined', number: 7, reason: expect.stringContaining('closed without merging') });
    expect(auto.writes).toEqual([]);
    const asked = memoryWriter({ pull: closed });
    expect(await openFixPr(request({ kind: 'comment', user: 'octocat', pullRequest: 2 }), { writer: asked.writer, validate })).toMatchObject({ status: 'opened', number: 12 });
    expect(asked.writes[1]).toMatch(/^create goarch\/fix-/);
  });

  it('opens nothing when no edit is safe, or the workflow is gone, and says why', async () => {
    const other = diagnoseText(readFileSync('fixtures/logs/public/cgo-cross-linker/gdu-pi5-marm.log', 'utf8'), loadRuleSet()).incidents[0] as Incident;
    const memory = memoryWriter();
    expect(await openFixPr({ ...request(), incident: other }, { writer: memory.writer, validate })).toMatchObject({ status: 'no-safe-edit', code: 'not-applicable', reason: expect.stringContaining('cgo-cross-linker') });
    const gone = memoryWriter({ workflow: null });
    expect(await openFixPr(request(), { writer: gone.writer, validate })).toEqual({ status: 'no-safe-edit', code: 'workflow-missing', reason: `${PATH} is not on the default branch (main) any more` });
    expect([...memory.writes, ...gone.writes]).toEqual([]);
  });

  it('edits the pull request a concurrent job for the same incident opened first, instead of failing', async () => {
    const memory = memoryWriter();
    memory.writer.createPullRequest = async () => ({ number: 9, url: 'https://github.com/acme/gdu/pull/9', existed: true });
    expect(await openFixPr(request(), { writer: memory.writer, validate })).toMatchObject({ status: 'updated', number: 9 });
    expect(memory.writes.at(-1)).toBe(`edit PR #9: ci: fix exec-format-error in ${PATH}`);
    expect(readFixPrState(memory.bodies.at(-1) ?? '')).toMatchObject({ head: 'fix-commit' });
  });

  it('refuses to write when the fix branch would be the default branch', async () => {
    const memory = memoryWriter({ defaultBranch: `goarch/fix-${incident.fingerprint.slice(0, 8)}` });
    await expect(openFixPr(request(), { writer: memory.writer, validate })).rejects.toThrow(ServiceError);
    expect(memory.writes).toEqual([]);
  });
});
