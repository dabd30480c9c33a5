import { request } from 'node:http';
import nock from 'nock';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { mountGithub } from '../../src/github/mount-github.js';
import { createMetrics } from '../../src/metrics/create-metrics.js';
import { GITHUB_ENV, startTestServer } from '../server/test-server.js';

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterAll(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

describe('mountGithub', () => {
  it('sends every GitHub API call to GHE_HOST when set', async () => {
    const config = loadConfig({ ...GITHUB_ENV, GHE_HOST: 'ghe.example.com' });
    if (config.github === null) throw new Error('test config has no GitHub App');
    const logger = pino({ level: 'silent' });
    const metrics = createMetrics({ processMetrics: false });
    const { probot } = await mountGithub({ app: config.github, endpoints: config.githubEndpoints, logger, metrics, appFn: () => {} });
    const app = nock('https://ghe.example.com')
      .get('/api/v3/app')
      .matchHeader('authorization', /^bearer /i)
      .reply(200, { id: 1, slug: 'goarch' });
    const octokit = await probot.auth();
    const response = await octokit.request('GET /app');
    expect(response.data).toMatchObject({ slug: 'goarch' });
    expect(app.isDone()).toBe(true);
  });

  it('answers 413 to a webhook body over 25 MB without reading it', async () => {
    const server = await startTestServer(GITHUB_ENV);
    try {
      const status = await new Promise<number>((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: server.running.port,
            method: 'POST',
            path: '/api/github/webhooks',
            headers: { 'content-type': 'application/json', 'content-length': 26 * 1024 * 1024, 'x-github-event': 'workflow_run', 'x-github-delivery': 'big-1', 'x-hub-signature-256': 'sha256=00' },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.write('{"a":');
      });
      expect(status).toBe(413);
    } finally {
      await server.close();
    }
  });
});
