// Several goarch processes sharing one Redis, each its own OS process (test/support/goarch-process.ts
// through tsx), against one stub GitHub on 127.0.0.1 that keeps the comments and records every request.
// Each test has its own Redis key prefix and cleans it up; everything listens on 127.0.0.1.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { GITHUB_ENV } from '../server/test-server.js';
import { getTestRedis, type TestRedis } from '../support/redis.js';
import { failedRunDelivery, postDelivery, type Repo, type SignedDelivery } from '../support/signed-delivery.js';
import { crashLines, spawnGoarch, troubleLines, type GoarchProcess } from '../support/spawn-goarch.js';
import { startRedisServer, type RedisServer } from '../support/start-redis-server.js';
import { startStubGithub, type StubGithub, type StubGithubOptions } from '../support/stub-github.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const LOG = join(ROOT, 'fixtures/logs/public/cgo-cross-linker/gdu-pi5-marm.log');
const POST_COMMENT = /^\/repos\/[^/]+\/[^/]+\/issues\/\d+\/comments$/;
const PATCH_COMMENT = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/\d+$/;
const LOG_DOWNLOAD = /\/actions\/jobs\/\d+\/logs$/;

const redis = await getTestRedis();

/** What each test started, stopped after it whatever happened. */
let processes: GoarchProcess[] = [];
let stub: StubGithub | undefined;
let ownRedis: RedisServer | undefined;
let prefix: string | undefined;

afterEach(async () => {
  await Promise.all(processes.map((p) => p.stop(5000)));
  processes = [];
  await stub?.close();
  stub = undefined;
  await ownRedis?.dispose();
  ownRedis = undefined;
  if (prefix !== undefined) await redis?.cleanup(prefix);
  prefix = undefined;
});
afterAll(async () => {
  await redis?.stop();
});

function repos(count: number): Repo[] {
  const tag = randomUUID().slice(0, 6);
  return Array.from({ length: count }, (_, i) => ({ owner: `mp-${tag}`, repo: `repo-${i}`, installationId: 5000 + i }));
}

async function startStub(options: Partial<StubGithubOptions> = {}): Promise<StubGithub> {
  stub = await startStubGithub({ logFor: () => LOG, ...options });
  return stub;
}

async function start(name: string, mode: 'server' | 'worker', redisUrl: string, github: StubGithub, extra: Record<string, string> = {}): Promise<GoarchProcess> {
  const proc = await spawnGoarch({
    name,
    mode,
    env: { ...(GITHUB_ENV as Record<string, string>), ...github.env, REDIS_URL: redisUrl, GOARCH_CHILD_PREFIX: prefix ?? '', LOG_LEVEL: 'debug', SHUTDOWN_TIMEOUT_MS: '3000', ...extra },
  });
  processes.push(proc);
  return proc;
}

/** Every process's log lines with this message. */
const all = (msg: string) => processes.flatMap((p) => p.lines(msg));

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Resolves once the stub has seen no request for `quietMs` (every job has finished). */
async function settled(github: StubGithub, quietMs = 1500, timeoutMs = 30_000): Promise<void> {
  await until(() => Date.now() - (github.requests.at(-1)?.at ?? 0) >= quietMs, 'the stub GitHub to go quiet', timeoutMs);
}

async function probe(proc: GoarchProcess, path: '/healthz' | '/readyz'): Promise<{ status: number; body: { status?: string; dependencies?: Record<string, string> } }> {
  const res = await fetch(`${proc.url ?? ''}${path}`, { signal: AbortSignal.timeout(3000) });
  return { status: res.status, body: (await res.json()) as { status?: string; dependencies?: Record<string, string> } };
}

/** The comments on each issue, to find duplicates: issue → count. */
function commentsPerIssue(github: StubGithub): Map<string, number> {
  const perIssue = new Map<string, number>();
  for (const c of github.comments) perIssue.set(c.issue, (perIssue.get(c.issue) ?? 0) + 1);
  return perIssue;
}

function shuffle<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

// Real processes and a real Redis on a 2-core machine: under heavy load a process can start late, so a
// failing test is run once more before it counts (a real fault fails both times).
describe.skipIf(redis === null)('several processes sharing one Redis', { retry: 1 }, () => {
  const r = redis as TestRedis;

  it('two servers fed 50 distinct and 50 duplicate deliveries at once post exactly 50 comments', async () => {
    prefix = r.uniquePrefix();
    const github = await startStub();
    const [a, b] = await Promise.all([start('server-a', 'server', r.url, github), start('server-b', 'server', r.url, github)]);
    const targets = repos(50);
    const deliveries = targets.map((repo, i) => failedRunDelivery(repo, 1000 + i, 7));
    // Every delivery twice (the same id, as GitHub redelivers), the copy to the other server, all at once.
    const sends = shuffle(deliveries.flatMap((d, i) => [{ d, to: i % 2 === 0 ? a : b }, { d, to: i % 2 === 0 ? b : a }]));
    const answers = await Promise.all(sends.map(({ d, to }) => postDelivery(to?.url ?? '', d)));
    expect(answers.map((x) => x.status)).toEqual(sends.map(() => 200));

    await until(() => all('workflow run diagnosed').length >= 50, '50 diagnosed runs', 60_000);
    await settled(github);
    expect(github.count('POST', POST_COMMENT)).toBe(50);
    expect(github.count('PATCH', PATCH_COMMENT)).toBe(0);
    expect([...commentsPerIssue(github).values()]).toEqual(targets.map(() => 1));
    expect(github.comments.every((c) => c.body.includes('Seen **once**'))).toBe(true);
    // 50 jobs ran, one per distinct delivery; every duplicate was recognised by whichever server got it.
    expect(all('job enqueued')).toHaveLength(50);
    expect(all('webhook redelivered: already handled')).toHaveLength(50);
    expect(all('workflow run diagnosed')).toHaveLength(50);
    expect(github.count('GET', LOG_DOWNLOAD)).toBe(50);
    expect(processes.flatMap(crashLines)).toEqual([]);
  }, 90_000);

  it('a job whose worker process is killed with SIGKILL mid-job is finished by the other process, and posts once', async () => {
    prefix = r.uniquePrefix();
    let logRequested = false;
    // The first download of the log hangs (the worker is busy with it when it is killed); later ones answer.
    const github = await startStub({
      beforeLog: (_repo, _job, attempt) => {
        logRequested = true;
        return attempt === 1 ? new Promise<void>(() => {}) : Promise.resolve();
      },
    });
    const recovery = { GOARCH_CHILD_STALLED_MS: '500', GOARCH_CHILD_LOCK_MS: '1500' };
    const [server, worker] = await Promise.all([start('server', 'server', r.url, github, recovery), start('worker', 'worker', r.url, github, recovery)]);
    const [repo] = repos(1);
    const delivery = failedRunDelivery(repo as Repo, 4242, 3);
    expect((await postDelivery(server.url ?? '', delivery)).status).toBe(200);
    await until(() => logRequested, 'the log download to start');
    // Whichever process took the job is the one that dies.
    const jobId = `github:${delivery.id}`;
    const startedBy = (p: GoarchProcess) => p.lines('job started').some((l) => l.jobId === jobId);
    await until(() => startedBy(server) || startedBy(worker), '"job started" in a log');
    const [victim, survivor] = startedBy(worker) ? [worker, server] : [server, worker];
    expect(await victim.kill()).toBe('SIGKILL');

    await survivor.waitForLog((l) => l.msg === 'workflow run diagnosed', 'the survivor to finish the job', 30_000);
    expect(survivor.lines('job stalled (its worker died?): moved back to wait').map((l) => l.jobId)).toContain(jobId);
    await settled(github);
    expect(github.count('GET', LOG_DOWNLOAD)).toBe(2);
    expect(github.count('POST', POST_COMMENT)).toBe(1);
    expect(github.comments).toHaveLength(1);
    expect(github.comments[0]?.body).toContain('Seen **once**');
    expect(crashLines(survivor)).toEqual([]);
  }, 90_000);

  it('Redis killed and restarted during a run: no crash, /healthz answers, /readyz follows Redis, no duplicate comment afterwards', async () => {
    ownRedis = await startRedisServer({ persist: true });
    const own = ownRedis;
    prefix = `goarch-test:${process.pid}:${randomUUID().slice(0, 8)}`;
    const github = await startStub();
    const [a, b] = await Promise.all([start('server-a', 'server', own.url, github), start('server-b', 'server', own.url, github)]);
    const servers = [a, b] as GoarchProcess[];
    const send = (d: SignedDelivery, i: number) => postDelivery(servers[i % 2]?.url ?? '', d);
    const first = repos(10);
    const phase1 = first.map((repo, i) => failedRunDelivery(repo, 2000 + i, 1));

    // 1. A run of ten incidents; Redis dies (SIGKILL) as soon as three comments are up, jobs still in flight.
    const answers1 = await Promise.all(phase1.map(send));
    expect(answers1.map((x) => x.status)).toEqual(phase1.map(() => 200));
    await until(() => github.comments.length >= 3, 'three comments');
    await own.stop('SIGKILL');

    // 2. Redis down: both keep answering; /readyz says so; deliveries are still taken and processed in-process.
    for (const s of servers) {
      expect((await probe(s, '/healthz')).status).toBe(200);
      await until(async () => (await probe(s, '/readyz')).status === 503, `${s.name} /readyz to report Redis down`);
      expect((await probe(s, '/readyz')).body.dependencies?.redis).toBe('down');
    }
    const posted = new Set(github.comments.map((c) => c.issue));
    const during = first.filter((repo) => posted.has(`${repo.owner}/${repo.repo}#1`)).slice(0, 3);
    const outage = during.map((repo, i) => failedRunDelivery(repo, 3000 + i, 1));
    const answers2 = await Promise.all(outage.map(send));
    expect(answers2.map((x) => x.status)).toEqual(outage.map(() => 200));
    await until(() => all('job queue redis unavailable: running jobs in-process').length > 0, 'the queue to fall back in-process');
    await new Promise((resolve) => setTimeout(resolve, 1000));

    // 3. Redis back (same data, append-only file): both reconnect by themselves.
    await own.start();
    for (const s of servers) await until(async () => (await probe(s, '/readyz')).status === 200, `${s.name} /readyz back to 200`, 30_000);

    // 4. Afterwards: redeliveries of the first run, new runs of the same incidents and new incidents,
    //    each new one twice over (two failing runs at once), spread over both servers.
    const fresh = repos(5);
    const after = [
      ...phase1,
      ...first.map((repo, i) => failedRunDelivery(repo, 4000 + i, 1)),
      ...[...fresh, ...fresh].map((repo, i) => failedRunDelivery(repo, 5000 + i, 1)),
    ];
    const answers3 = await Promise.all(shuffle(after).map((d, i) => send(d, i + 1)));
    expect(answers3.map((x) => x.status)).toEqual(after.map(() => 200));
    await until(() => github.comments.length >= 15 && all('workflow run diagnosed').length >= 10 + outage.length + 20, 'the runs after the restart', 60_000).catch((error: unknown) => {
      const state = processes.map((p) => `${p.name}: ${JSON.stringify(troubleLines(p).slice(-15).map((l) => [l.time, l.msg, l.err ?? l.code ?? l.jobId]))}`);
      throw new Error(`${String(error)}; ${github.comments.length} comments, ${all('workflow run diagnosed').length} runs diagnosed; ${state.join('; ')}`);
    });
    await settled(github, 3000, 60_000);

    // One comment per pull request: none posted twice, before, during or after the outage.
    const perIssue = commentsPerIssue(github);
    expect(perIssue.size).toBe(15);
    expect([...perIssue.values()].every((n) => n === 1)).toBe(true);
    expect(github.count('POST', POST_COMMENT)).toBe(15);
    // The redeliveries of the first run were recognised (Redis kept the delivery ids).
    expect(all('webhook redelivered: already handled').length).toBeGreaterThanOrEqual(phase1.length);
    // No job given up on, nothing crashed nor went unhandled, and both are still up.
    expect(all('job dead-lettered')).toEqual([]);
    expect(processes.flatMap(crashLines)).toEqual([]);
    for (const s of servers) {
      expect(s.child.exitCode).toBeNull();
      expect((await probe(s, '/healthz')).status).toBe(200);
    }
  }, 150_000);
});
