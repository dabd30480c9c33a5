import { request } from 'node:http';
import nock from 'nock';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { mountGithub } from '../../src/github/mount-github.js';
import { createMetrics } from '../../src/metrics/create-metrics.js';
import { GITHUB_ENV, signGithub, startTestServer } from '../server/test-server.js';

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

  it('answers 413 to a webhook body declared over 1 MB without reading it (issue 13, hole 6)', async () => {
    const server = await startTestServer(GITHUB_ENV);
    try {
      const status = await new Promise<number>((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: server.running.port,
            method: 'POST',
            path: '/api/github/webhooks',
            headers: { 'content-type': 'application/json', 'content-length': 1024 * 1024 + 1, 'x-github-event': 'workflow_run', 'x-github-delivery': 'big-1', 'x-hub-signature-256': 'sha256=00' },
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

  it('stops reading a chunked webhook body at 1 MB and answers 413', async () => {
    const server = await startTestServer(GITHUB_ENV);
    try {
      let sent = 0;
      const status = await new Promise<number>((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: server.running.port,
            method: 'POST',
            path: '/api/github/webhooks',
            headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked', 'x-github-event': 'workflow_run', 'x-github-delivery': 'big-2', 'x-hub-signature-256': 'sha256=00' },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', () => undefined);
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        const pump = () => {
          // Up to 4 MB, unless the server answered first.
          while (sent < 4 * 1024 * 1024 && req.write(chunk)) sent += chunk.length;
          if (sent < 4 * 1024 * 1024) req.once('drain', () => { sent += chunk.length; pump(); });
          else req.end();
        };
        pump();
        setTimeout(() => reject(new Error('no answer')), 10_000).unref();
      });
      expect(status).toBe(413);
    } finally {
      await server.close();
    }
  });

  it('answers 400, not 500, to a signed delivery without x-github-event', async () => {
    const server = await startTestServer(GITHUB_ENV);
    try {
      const body = JSON.stringify({ action: 'completed' });
      const res = await fetch(`${server.url}/api/github/webhooks`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-github-delivery': 'no-event', 'x-hub-signature-256': signGithub(body) }, body });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: 'missing-event', message: 'A webhook delivery needs an x-github-event header.' });
    } finally {
      await server.close();
    }
  });
});
