import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort, GITHUB_ENV, signGithub, startTestServer, TEST_WEBHOOK_SECRET, webhookExample } from './test-server.js';
import type { TestServer } from './test-server.js';

const METRIC_NAMES = [
  'goarch_webhooks_received_total',
  'goarch_incidents_total',
  'goarch_dedupe_hits_total',
  'goarch_queue_depth',
  'goarch_log_bytes_scanned_total',
  'goarch_scan_duration_seconds',
  'goarch_github_api_errors_total',
];

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterAll(() => {
  nock.enableNetConnect();
});

function postWebhook(server: TestServer, event: string, body: string, headers: Record<string, string> = {}) {
  return fetch(`${server.url}/api/github/webhooks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-github-event': event, 'x-github-delivery': 'delivery-1234', ...headers },
    body,
  });
}

describe('server without credentials', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({});
  });
  afterAll(async () => {
    await server.close();
  });

  it('answers /healthz', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers /readyz with redis not-configured', async () => {
    const res = await fetch(`${server.url}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', dependencies: { redis: 'not-configured' } });
  });

  it('exposes every goarch metric on /metrics', async () => {
    const res = await fetch(`${server.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    for (const name of METRIC_NAMES) expect(text).toContain(`# TYPE ${name} `);
  });

  it('answers a webhook 503 with how to configure the app, and counts it', async () => {
    const res = await postWebhook(server, 'workflow_run', '{}');
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: 'github-app-not-configured' });
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toContain('goarch_webhooks_received_total{event="workflow_run",outcome="not-configured"} 1');
  });

  it('logs once at start how to register the app and that Slack and Redis are off', () => {
    const messages = server.logs.map((line) => line.msg as string);
    expect(messages.filter((msg) => msg.startsWith('GitHub App not configured'))).toHaveLength(1);
    expect(messages.filter((msg) => msg.startsWith('Slack not configured'))).toHaveLength(1);
    expect(messages.filter((msg) => msg.startsWith('REDIS_URL is not set'))).toHaveLength(1);
  });

  it.each([
    ['GET', '/nope', 404, 'not-found'],
    ['POST', '/slack/events', 404, 'slack-not-configured'],
    ['POST', '/healthz', 405, 'method-not-allowed'],
    ['GET', '/api/github/webhooks/extra', 404, 'not-found'],
  ])('answers %s %s with %i JSON', async (method, path, status, error) => {
    const res = await fetch(`${server.url}${path}`, { method });
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(await res.json()).toMatchObject({ error });
  });

  it('keeps a caller request id and puts it on the log lines of that request', async () => {
    const res = await fetch(`${server.url}/nope`, { headers: { 'x-request-id': 'trace-abc-123' } });
    expect(res.headers.get('x-request-id')).toBe('trace-abc-123');
    await res.text();
    expect(server.logs.some((line) => line.reqId === 'trace-abc-123' && line.msg === 'request completed' && line.status === 404)).toBe(true);
  });
});

describe('server with GitHub App credentials', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(GITHUB_ENV);
  });
  afterAll(async () => {
    await server.close();
  });
  afterEach(() => {
    // The stub app makes no GitHub call: nothing may be pending or have hit the network.
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('accepts a correctly signed workflow_run.completed and logs it with the delivery id', async () => {
    const body = JSON.stringify(webhookExample('workflow_run', 'completed'));
    const res = await postWebhook(server, 'workflow_run', body, { 'x-hub-signature-256': signGithub(body), 'x-github-delivery': 'delivery-signed-1' });
    expect(res.status).toBe(200);
    await res.text();
    const received = server.logs.find((line) => line.msg === 'webhook received');
    expect(received).toMatchObject({ event: 'workflow_run', action: 'completed', delivery: 'delivery-signed-1' });
    const requestLine = server.logs.find((line) => line.msg === 'request completed' && line.path === '/api/github/webhooks' && line.status === 200);
    expect(requestLine).toMatchObject({ delivery: 'delivery-signed-1' });
    // Probot's own lines written during the request carry the same request and delivery ids.
    const probotLine = server.logs.find((line) => line.component === 'probot' && String(line.msg).includes('delivery-signed-1'));
    expect(probotLine).toMatchObject({ delivery: 'delivery-signed-1', reqId: requestLine?.reqId });
  });

  it.each([
    ['check_run', 'completed'],
    ['issue_comment', 'created'],
  ])('accepts a signed %s.%s', async (event, action) => {
    const body = JSON.stringify(webhookExample(event, action));
    const res = await postWebhook(server, event, body, { 'x-hub-signature-256': signGithub(body) });
    expect(res.status).toBe(200);
  });

  it('rejects an unsigned delivery with 400', async () => {
    const res = await postWebhook(server, 'workflow_run', JSON.stringify(webhookExample('workflow_run', 'completed')));
    expect(res.status).toBe(400);
    expect(await res.text()).not.toMatch(/\n\s+at /);
  });

  it('rejects a wrongly signed delivery with 400 and never logs the payload or signature', async () => {
    const body = JSON.stringify(webhookExample('workflow_run', 'completed'));
    const badSignature = signGithub(body, 'not-the-secret');
    const res = await postWebhook(server, 'workflow_run', body, { 'x-hub-signature-256': badSignature, 'x-github-delivery': 'delivery-forged' });
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).not.toMatch(/\n\s+at /);
    const logText = JSON.stringify(server.logs);
    expect(logText).not.toContain(badSignature);
    expect(logText).not.toContain(TEST_WEBHOOK_SECRET);
    expect(logText).not.toContain('BEGIN RSA PRIVATE KEY');
  });

  it('rejects a delivery that is not JSON with 415', async () => {
    const res = await postWebhook(server, 'workflow_run', 'x', { 'content-type': 'text/plain', 'x-hub-signature-256': signGithub('x') });
    expect(res.status).toBe(415);
  });

  it('counts accepted and rejected deliveries', async () => {
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/goarch_webhooks_received_total\{event="workflow_run",outcome="accepted"\} [1-9]/);
    expect(metrics).toMatch(/goarch_webhooks_received_total\{event="workflow_run",outcome="rejected"\} [1-9]/);
  });
});

describe('readiness with Redis', () => {
  it('is 503 with redis down when REDIS_URL points at a dead port', async () => {
    const server = await startTestServer({ REDIS_URL: `redis://127.0.0.1:${await freePort()}` });
    try {
      const res = await fetch(`${server.url}/readyz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: 'unavailable', dependencies: { redis: 'down' } });
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      expect(await server.close()).toEqual([]);
    }
  });

  it('is 200 with redis ok against a live Redis', async (ctx) => {
    const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
    const server = await startTestServer({ REDIS_URL: url });
    try {
      let body: unknown;
      for (let attempt = 0; attempt < 20; attempt += 1) {
        const res = await fetch(`${server.url}/readyz`);
        body = await res.json();
        if (res.status === 200) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      if ((body as { dependencies: { redis: string } }).dependencies.redis !== 'ok' && process.env.REQUIRE_REDIS !== '1') {
        console.warn(`SKIPPED: no Redis answering at ${url}; set REDIS_URL or REQUIRE_REDIS=1`);
        ctx.skip();
      }
      expect(body).toEqual({ status: 'ok', dependencies: { redis: 'ok' } });
    } finally {
      await server.close();
    }
  });
});
