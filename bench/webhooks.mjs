// npm run bench:webhooks: the real server (npm start's composition root, run through tsx) with Redis
// and its in-process workers, against a stub GitHub in its own process (127.0.0.1 only). autocannon
// sends signed workflow_run.completed failure deliveries at a fixed rate (200/s for 30 s by default),
// each with its own delivery id and run id, spread over BENCH_INCIDENTS pull requests (one incident
// each, so each pull request sees many failing runs of the same incident, as a matrix build does).
//
// Reports p50/p99 time to answer a webhook, jobs completed per second, and checks that no job was lost
// or run twice: every accepted delivery was enqueued and diagnosed once, each pull request got exactly
// one comment, and its final "Seen N times" equals the deliveries for it. `--write` puts the figures
// in the `## Webhooks` section of BENCHMARKS.md (other sections are kept).
//
// Env: BENCH_RATE (200), BENCH_SECONDS (30), BENCH_INCIDENTS (300), BENCH_CONNECTIONS (20),
// BENCH_CONCURRENCY (WORKER_CONCURRENCY, default 4), BENCH_DRAIN_SECONDS (300), BENCH_THROTTLE=on
// (Probot's write spacing of 1 s per installation, as in production; off by default), REDIS_URL (else a
// throwaway redis-server; keys go under a unique prefix and are deleted).
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { Redis } from 'ioredis';
import { register } from 'tsx/esm/api';

register();
const ROOT = join(import.meta.dirname, '..');
const { spawnGoarch } = await import('../test/support/spawn-goarch.ts');
const { startRedisServer } = await import('../test/support/start-redis-server.ts');
const { failedRunDelivery } = await import('../test/support/signed-delivery.ts');
const { GITHUB_ENV } = await import('../test/server/test-server.ts');

const RATE = Number(process.env.BENCH_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const INCIDENTS = Number(process.env.BENCH_INCIDENTS ?? 300);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const CONCURRENCY = String(process.env.BENCH_CONCURRENCY ?? 4);
const DRAIN_MS = Number(process.env.BENCH_DRAIN_SECONDS ?? 300) * 1000;
const THROTTLE = process.env.BENCH_THROTTLE === 'on';
const WRITE = process.argv.includes('--write');
const LOGS = [
  'fixtures/logs/public/cgo-cross-linker/gdu-pi5-marm.log',
  'fixtures/logs/public/exec-format-error/kgateway-go-test-envoy-arm64.log',
  'fixtures/logs/public/cgo-cross-linker/golang-16801-marm.log',
  'fixtures/logs/public/exec-format-error/talos-k8s-tini-arm64-node.log',
].map((p) => join(ROOT, p));

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const tag = randomUUID().slice(0, 6);
const prefix = `goarch-bench:${tag}`;

// On any failure, stop what was started (in reverse order) before exiting.
const cleanups = [];
let failing = false;
const fail = async (error) => {
  if (failing) return;
  failing = true;
  console.error('bench: failed:', error);
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  process.exit(2);
};
process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);

// 1. Redis, the stub GitHub (own process), the server.
const ownRedis = process.env.REDIS_URL ? null : await startRedisServer();
const redisUrl = process.env.REDIS_URL ?? ownRedis.url;
if (ownRedis) cleanups.push(() => ownRedis.dispose());
const stub = fork(join(ROOT, 'test/support/stub-github-process.ts'), [], {
  execArgv: ['--import', pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href],
  env: { ...process.env, STUB_LOGS: LOGS.join(',') },
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const stubPort = await new Promise((resolve, reject) => {
  stub.once('error', reject);
  stub.on('message', (m) => m.type === 'ready' && resolve(m.port));
});
const askStub = () =>
  new Promise((resolve) => {
    const onMessage = (m) => {
      if (m.type !== 'report') return;
      stub.off('message', onMessage);
      resolve(m.report);
    };
    stub.on('message', onMessage);
    stub.send({ type: 'report' });
  });

cleanups.push(async () => stub.kill('SIGKILL'));
mkdirSync(join(ROOT, 'bench', 'out'), { recursive: true });
const server = await spawnGoarch({
  name: 'server',
  mode: 'server',
  // A file, not a pipe: a pipe this busy process drains late would stall the server's log writes.
  logFile: join(ROOT, 'bench', 'out', 'webhooks-server.log'),
  env: {
    ...GITHUB_ENV,
    GHE_HOST: `127.0.0.1:${stubPort}`,
    GHE_PROTOCOL: 'http',
    REDIS_URL: redisUrl,
    GOARCH_CHILD_PREFIX: prefix,
    GOARCH_CHILD_THROTTLE: THROTTLE ? 'on' : 'off',
    WORKER_CONCURRENCY: CONCURRENCY,
    LOG_LEVEL: 'info',
    NODE_ENV: 'production',
  },
  // e.g. BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=bench/out" to profile the server.
  nodeArgs: (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter((arg) => arg !== ''),
});
cleanups.push(() => server.stop(5000));

// 2. The deliveries, made before the load so that making them does not compete with it: distinct
//    delivery and run ids, each for a pull request drawn at random.
const repos = Array.from({ length: INCIDENTS }, (_, i) => ({ owner: `bench-${tag}`, repo: `repo-${i}`, installationId: 7000 + i }));
const planned = Array.from({ length: Math.ceil(RATE * SECONDS * 1.2) + CONNECTIONS }, (_, n) => {
  const index = Math.floor(Math.random() * INCIDENTS);
  return { index, delivery: failedRunDelivery(repos[index], 100_000 + n, 1) };
});
const sent = new Map(); // delivery id -> repo index, for those autocannon took
let n = 0;
const nextDelivery = () => {
  const next = planned[n++];
  if (next === undefined) throw new Error('bench: ran out of planned deliveries');
  sent.set(next.delivery.id, next.index);
  return next.delivery;
};

// Warm up (JIT, connections, token cache of a few installations): not measured, not counted.
const warm = repos.slice(0, 5).map((repo, i) => failedRunDelivery({ ...repo, repo: `warm-${i}` }, 10 + i, 1));
for (const d of warm) await fetch(`${server.url}/api/github/webhooks`, { method: 'POST', headers: d.headers, body: d.body }).then((r) => r.text());
await server.waitForLog((l) => l.msg === 'workflow run diagnosed', 'warm-up jobs', 30_000, warm.length);
await sleep(1000);
const before = await askStub();

// 3. Load.
console.log(`bench: ${RATE} deliveries/s for ${SECONDS} s over ${INCIDENTS} pull requests, ${CONNECTIONS} connections, worker concurrency ${CONCURRENCY}, throttle ${THROTTLE ? 'on' : 'off'}`);
const loadBefore = loadavg()[0];
const loadStarted = Date.now();
const result = await new Promise((resolve, reject) => {
  autocannon(
    {
      url: server.url,
      connections: CONNECTIONS,
      overallRate: RATE,
      duration: SECONDS,
      timeout: 10,
      requests: [
        {
          method: 'POST',
          path: '/api/github/webhooks',
          setupRequest: (req) => {
            const d = nextDelivery();
            return { ...req, headers: d.headers, body: d.body };
          },
        },
      ],
    },
    (error, res) => (error ? reject(error) : resolve(res)),
  );
});
const loadEnded = Date.now();
const loadAfter = loadavg()[0];
const metrics = await (await fetch(`${server.url}/metrics`)).text();
const lagP99 = Number(/^nodejs_eventloop_lag_p99_seconds (\S+)/m.exec(metrics)?.[1] ?? NaN) * 1000;

// 4. Drain: every enqueued job diagnosed (or dead-lettered), then the stub quiet for 2 s.
const jobLines = (msg) => server.lines(msg).filter((l) => typeof l.jobId === 'string' && sent.has(l.jobId.replace(/^github:/, '')));
const enqueued = () => server.lines('job enqueued').filter((l) => sent.has(String(l.jobId).replace(/^github:/, '')));
const drainDeadline = Date.now() + DRAIN_MS;
while (Date.now() < drainDeadline) {
  const done = new Set(jobLines('workflow run diagnosed').map((l) => l.jobId)).size + jobLines('job dead-lettered').length;
  if (done >= enqueued().length && Date.now() - (await askStub()).lastRequestAt > 2000) break;
  await sleep(500);
}
const report = await askStub();

// 5. Figures and checks.
const accepted = enqueued();
const acceptedIds = new Set(accepted.map((l) => String(l.jobId).replace(/^github:/, '')));
const diagnosed = jobLines('workflow run diagnosed');
const diagnosedIds = new Set(diagnosed.map((l) => l.jobId));
const deadLettered = jobLines('job dead-lettered');
const doneTimes = diagnosed.map((l) => Date.parse(String(l.time))).sort((a, b) => a - b);
const lastDone = doneTimes.at(-1) ?? loadEnded;
const duringLoad = doneTimes.filter((t) => t <= loadEnded).length;
const perPr = new Map();
for (const id of acceptedIds) {
  const issue = `${repos[sent.get(id)].owner}/${repos[sent.get(id)].repo}#1`;
  perPr.set(issue, (perPr.get(issue) ?? 0) + 1);
}
const commentsPerIssue = new Map();
for (const c of report.comments) commentsPerIssue.set(c.issue, [...(commentsPerIssue.get(c.issue) ?? []), c]);
const problems = [];
const seen = (body) => [...body.matchAll(/Seen \*\*(once|(\d+) times)\*\*/g)].map((m) => (m[1] === 'once' ? 1 : Number(m[2])));
for (const [issue, expected] of perPr) {
  const comments = commentsPerIssue.get(issue) ?? [];
  if (comments.length !== 1) problems.push(`${issue}: ${comments.length} comments (expected 1)`);
  const counts = comments[0] ? seen(comments[0].body) : [];
  if (counts.length === 0 || counts.some((c) => c !== expected)) problems.push(`${issue}: comment says seen ${counts.join('/') || 'nothing'}, ${expected} deliveries`);
}
const non2xx = result.non2xx + result.errors + result.timeouts;
if (non2xx > 0) problems.push(`${non2xx} deliveries not answered 2xx (${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts)`);
if (acceptedIds.size !== accepted.length) problems.push(`${accepted.length - acceptedIds.size} deliveries enqueued twice`);
if (diagnosedIds.size !== acceptedIds.size) problems.push(`${acceptedIds.size - diagnosedIds.size} enqueued jobs never diagnosed (lost)`);
if (diagnosed.length !== diagnosedIds.size) problems.push(`${diagnosed.length - diagnosedIds.size} jobs diagnosed twice`);
if (deadLettered.length > 0) problems.push(`${deadLettered.length} jobs dead-lettered`);
const crashes = server.logs.filter((l) => l.msg === 'unhandled promise rejection' || l.msg === 'uncaught exception' || l.level === 'fatal');
if (crashes.length > 0) problems.push(`${crashes.length} unhandled errors in the server`);

const route = (r) => (report.routes[r] ?? 0) - (before.routes[r] ?? 0);
const figures = {
  when: new Date().toISOString().slice(0, 10),
  machine: `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, Node ${process.version}`,
  rate: RATE,
  seconds: SECONDS,
  incidents: INCIDENTS,
  concurrency: CONCURRENCY,
  throttle: THROTTLE,
  requests: result.requests.total,
  achievedRate: result.requests.average,
  p50: result.latency.p50,
  p90: result.latency.p90,
  p99: result.latency.p99,
  max: result.latency.max,
  accepted: acceptedIds.size,
  diagnosed: diagnosedIds.size,
  jobsPerSecond: diagnosedIds.size / ((lastDone - loadStarted) / 1000),
  jobsPerSecondDuringLoad: duringLoad / ((loadEnded - loadStarted) / 1000),
  drainSeconds: Math.max(0, (lastDone - loadEnded) / 1000),
  pullRequests: perPr.size,
  commentsCreated: route('POST /repos/:o/:r/issues/:n/comments'),
  commentEdits: route('PATCH /repos/:o/:r/issues/comments/:n'),
  logDownloads: route('GET /repos/:o/:r/actions/jobs/:n/logs'),
  stubRequests: report.requests - before.requests,
  eventLoopLagP99: lagP99,
  loadAverage: `${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)}`,
  problems,
};
const f1 = (x) => (Math.round(x * 10) / 10).toFixed(1);
const lines = [
  `${figures.requests} deliveries in ${SECONDS} s (${f1(figures.achievedRate)}/s asked ${RATE}/s), ${CONNECTIONS} connections, ${INCIDENTS} pull requests, WORKER_CONCURRENCY=${CONCURRENCY}, GitHub write throttling ${THROTTLE ? 'on' : 'off'}`,
  `answer time: p50 ${figures.p50} ms, p90 ${figures.p90} ms, p99 ${figures.p99} ms, max ${figures.max} ms (target p99 < 50 ms: ${figures.p99 < 50 ? 'met' : 'MISSED'}); server event-loop lag p99 ${f1(lagP99)} ms; machine load average ${figures.loadAverage}`,
  `jobs: ${figures.diagnosed}/${figures.accepted} diagnosed, ${f1(figures.jobsPerSecond)} jobs/s overall (${f1(figures.jobsPerSecondDuringLoad)}/s while loaded), backlog drained ${f1(figures.drainSeconds)} s after the load`,
  `GitHub (stub): ${figures.commentsCreated} comments created for ${figures.pullRequests} pull requests, ${figures.commentEdits} edits, ${figures.logDownloads} log downloads, ${figures.stubRequests} requests`,
  problems.length === 0 ? 'checks: no lost job, no job run twice, one comment per pull request, every count right' : `checks FAILED:\n  ${problems.slice(0, 20).join('\n  ')}`,
];
console.log(lines.join('\n'));

// 6. BENCHMARKS.md
if (WRITE) {
  const file = join(ROOT, 'BENCHMARKS.md');
  const section = [
    '## Webhooks',
    '',
    '`npm run bench:webhooks` (bench/webhooks.mjs): the real server (`npm start`\'s composition root, with Redis and its in-process workers) against a stub GitHub on 127.0.0.1 in its own process; autocannon sends signed `workflow_run.completed` failure deliveries (the @octokit/webhooks-examples payload, distinct delivery and run ids, real fixture logs served behind the usual 302) at a fixed rate, spread over pull requests that each see many failing runs of one incident.',
    '',
    `Measured ${figures.when} on ${figures.machine} (server, Redis, stub and autocannon on the same machine; 1-minute load average ${figures.loadAverage} during the run).`,
    '',
    '| figure | value |',
    '| --- | --- |',
    `| load | ${figures.requests} deliveries in ${SECONDS} s (${f1(figures.achievedRate)}/s, asked ${RATE}/s), ${CONNECTIONS} connections |`,
    `| answer time p50 / p90 / p99 / max | ${figures.p50} / ${figures.p90} / ${figures.p99} / ${figures.max} ms (target p99 < 50 ms: ${figures.p99 < 50 ? 'met' : 'missed'}) |`,
    `| server event-loop lag p99 | ${f1(lagP99)} ms |`,
    `| jobs completed | ${figures.diagnosed} of the ${figures.accepted} deliveries enqueued (those answered after the ${SECONDS} s too), WORKER_CONCURRENCY=${CONCURRENCY} in the one server process |`,
    `| jobs per second | ${f1(figures.jobsPerSecond)} overall, ${f1(figures.jobsPerSecondDuringLoad)} during the load; backlog drained ${f1(figures.drainSeconds)} s after it |`,
    `| GitHub calls (stub) | ${figures.commentsCreated} comments created for ${figures.pullRequests} pull requests, ${figures.commentEdits} edits, ${figures.logDownloads} log downloads, ${figures.stubRequests} requests |`,
    `| lost / duplicated jobs | ${problems.length === 0 ? 'none: every accepted delivery diagnosed once, one comment per pull request, each showing its exact count' : problems.slice(0, 5).join('; ')} |`,
    '',
    `GitHub write throttling was ${THROTTLE ? 'on' : 'off'}: Probot's Octokit spaces writes (comments, edits) 1 s apart per installation, which bounds a real installation to about one comment edit per second whatever the workers do (\`BENCH_THROTTLE=on\` measures with it).`,
    '',
  ].join('\n');
  writeFileSync(file, withSection(existsSync(file) ? readFileSync(file, 'utf8') : '', section));
  console.log('bench: BENCHMARKS.md updated (## Webhooks)');
}

/** `text` with its `## Webhooks` section replaced by `section` (or `section` appended); other sections kept. */
function withSection(text, section) {
  if (text.trim() === '') return `# Benchmarks\n\n${section}`;
  const start = text.search(/^## Webhooks[ \t]*$/m);
  if (start === -1) return `${text.replace(/\s*$/, '')}\n\n${section}`;
  const after = text.slice(start + 3).search(/^## /m);
  return after === -1 ? `${text.slice(0, start)}${section}` : `${text.slice(0, start)}${section}\n${text.slice(start + 3 + after)}`;
}

// 7. Clean up.
await server.stop(10_000);
stub.send({ type: 'stop' });
await new Promise((resolve) => stub.once('exit', resolve));
if (ownRedis) await ownRedis.dispose();
else {
  const client = new Redis(redisUrl);
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length > 0) await client.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  client.disconnect();
}
process.exit(problems.length === 0 ? 0 : 1);
