import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GITHUB_ENV, startTestServer } from './test-server.js';
import type { TestServer } from './test-server.js';

function decode(html: string): string {
  return html.replace(/&#(\d+);/g, (_match, code: string) => String.fromCharCode(Number(code)));
}

describe('GitHub App manifest setup (no credentials)', () => {
  let server: TestServer;
  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    server = await startTestServer({});
  });
  afterAll(async () => {
    await server.close();
    nock.cleanAll();
    nock.enableNetConnect();
  });

  async function startSetup(query = ''): Promise<{ action: string; manifest: Record<string, unknown>; state: string }> {
    const res = await fetch(`${server.url}/setup${query}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    const action = decode(/<form action="([^"]+)"/.exec(html)?.[1] ?? '');
    const manifest = JSON.parse(decode(/name="manifest" value="([^"]+)"/.exec(html)?.[1] ?? '{}')) as Record<string, unknown>;
    return { action, manifest, state: new URL(action).searchParams.get('state') ?? '' };
  }

  it('posts app.yml with this server as webhook and redirect URL', async () => {
    const { action, manifest, state } = await startSetup();
    expect(action.startsWith('https://github.com/settings/apps/new?state=')).toBe(true);
    expect(state).not.toBe('');
    expect(manifest).toMatchObject({
      name: 'goarch',
      hook_attributes: { url: `${server.url}/api/github/webhooks`, active: true },
      redirect_url: `${server.url}/setup/callback`,
      default_events: ['workflow_run', 'check_run', 'issue_comment'],
    });
    // Least privilege (issue 13): nothing that can push.
    expect(manifest.default_permissions).toEqual({ actions: 'read', checks: 'write', pull_requests: 'write', issues: 'read', contents: 'read', metadata: 'read' });
    expect(manifest).not.toHaveProperty('autofix_permissions');
  });

  it('asks for contents and workflows write only with ?autofix=1', async () => {
    const { manifest } = await startSetup('?autofix=1');
    expect(manifest.default_permissions).toEqual({ actions: 'read', checks: 'write', pull_requests: 'write', issues: 'read', contents: 'write', workflows: 'write', metadata: 'read' });
    expect(manifest).not.toHaveProperty('autofix_permissions');
  });

  it('registers in an organization with ?org=', async () => {
    expect((await startSetup('?org=my-org')).action.startsWith('https://github.com/organizations/my-org/settings/apps/new?')).toBe(true);
    expect((await fetch(`${server.url}/setup?org=${encodeURIComponent('<script>')}`)).status).toBe(400);
  });

  it('exchanges the code for the credentials and shows the .env lines', async () => {
    const { state } = await startSetup();
    const conversion = nock('https://api.github.com')
      .post('/app-manifests/code123/conversions')
      .reply(201, { id: 4242, slug: 'goarch-test', html_url: 'https://github.com/apps/goarch-test', pem: '-----BEGIN RSA PRIVATE KEY-----\nx\n-----END RSA PRIVATE KEY-----\n', webhook_secret: 'whsec' });
    const res = await fetch(`${server.url}/setup/callback?code=code123&state=${state}`);
    expect(res.status).toBe(200);
    const html = decode(await res.text());
    expect(html).toContain('APP_ID=4242');
    expect(html).toContain('WEBHOOK_SECRET=whsec');
    expect(html).toContain('https://github.com/apps/goarch-test/installations/new');
    expect(conversion.isDone()).toBe(true);
    // A state works once.
    expect((await fetch(`${server.url}/setup/callback?code=code123&state=${state}`)).status).toBe(400);
  });

  it('refuses a callback whose state it did not issue, without calling GitHub', async () => {
    const res = await fetch(`${server.url}/setup/callback?code=abc&state=forged`);
    expect(res.status).toBe(400);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('answers 502 when GitHub refuses the code', async () => {
    const { state } = await startSetup();
    nock('https://api.github.com').post('/app-manifests/stale/conversions').reply(404, { message: 'Not Found' });
    expect((await fetch(`${server.url}/setup/callback?code=stale&state=${state}`)).status).toBe(502);
  });
});

describe('GitHub App manifest setup (configured)', () => {
  it('is not served once the app is configured', async () => {
    const server = await startTestServer(GITHUB_ENV);
    try {
      expect((await fetch(`${server.url}/setup`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
