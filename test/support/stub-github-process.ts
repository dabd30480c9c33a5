// The stub GitHub in a process of its own (for the webhook benchmark: its load stays off the process
// that measures latency). Started with an IPC channel: it sends { ready, port } once listening, and
// answers { type: 'report' } with a summary of what it received. STUB_LOGS: comma-separated fixture
// logs, served round-robin by the number at the end of the repository name (`repo-<n>`).
import { startStubGithub } from './stub-github.js';

export interface StubReport {
  /** `METHOD /route` (ids replaced by `:n`, owner/repo by `:o/:r`) → count. */
  routes: Record<string, number>;
  /** One per comment: its issue, its final body, how many times it was edited. */
  comments: { issue: string; body: string; edits: number }[];
  /** Time of the last request (ms since the epoch). */
  lastRequestAt: number;
  requests: number;
}

const logs = (process.env.STUB_LOGS ?? '').split(',').filter((path) => path !== '');
if (logs.length === 0) throw new Error('STUB_LOGS is required');
const stub = await startStubGithub({
  logFor: (repo) => logs[Number(/(\d+)$/.exec(repo)?.[1] ?? 0) % logs.length] as string,
});

process.on('message', (message: { type?: string }) => {
  if (message.type === 'report') {
    const routes: Record<string, number> = {};
    for (const r of stub.requests) {
      const route = `${r.method} ${r.path.replace(/^\/repos\/[^/]+\/[^/]+/, '/repos/:o/:r').replace(/^\/blob\/[^/]+\/[^/]+/, '/blob/:o/:r').replace(/\/\d+(?=\/|$)/g, '/:n')}`;
      routes[route] = (routes[route] ?? 0) + 1;
    }
    const report: StubReport = {
      routes,
      comments: stub.comments.map((c) => ({ issue: c.issue, body: c.body, edits: c.history.length - 1 })),
      lastRequestAt: stub.requests.at(-1)?.at ?? 0,
      requests: stub.requests.length,
    };
    process.send?.({ type: 'report', report });
  }
  if (message.type === 'stop') void stub.close().then(() => process.exit(0));
});
// The benchmark went away (crashed or killed): so does the stub.
process.on('disconnect', () => void stub.close().then(() => process.exit(0)));
process.send?.({ type: 'ready', port: stub.port });
