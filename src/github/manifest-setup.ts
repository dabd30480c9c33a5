import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GithubEndpoints } from '../config/config.js';
import type { RequestHandler } from '../server/request-handler.js';
import { sendJson } from '../server/send-json.js';
import { WEBHOOK_PATH } from './webhook-path.js';

export const SETUP_PATH = '/setup';
const CALLBACK_PATH = `${SETUP_PATH}/callback`;
const STATE_TTL_MS = 60 * 60 * 1000;
const MAX_STATES = 1000;

export interface ManifestSetupDeps {
  /** The parsed app.yml. */
  manifest: Record<string, unknown>;
  endpoints: GithubEndpoints;
  newState: () => string;
  now: () => number;
  fetch: typeof fetch;
}

/**
 * GitHub's manifest flow, served only while the app is not configured:
 * 1. GET /setup[?org=NAME][&autofix=1] posts app.yml (with this server's webhook URL) to GitHub's "new app" page:
 *    the permissions diagnosing needs, plus app.yml's `autofix_permissions` (contents and workflows write) only with `autofix=1`;
 * 2. GitHub redirects to /setup/callback?code&state; the code is exchanged for the app's credentials;
 * 3. the page shows the .env lines to set. Nothing is written on the server: whoever reaches
 *    /setup only ever sees the credentials of an app they registered themselves.
 */
export function manifestSetup(deps: ManifestSetupDeps): RequestHandler {
  const states = new Map<string, number>();

  return async (req, res, log) => {
    req.resume();
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method !== 'GET') {
      sendJson(res, 405, { error: 'method-not-allowed', message: `Use GET ${url.pathname}.` }, { allow: 'GET' });
      return true;
    }
    if (url.pathname === SETUP_PATH || url.pathname === `${SETUP_PATH}/`) {
      const org = url.searchParams.get('org');
      if (org !== null && !/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/.test(org)) {
        sendHtml(res, 400, page('Invalid organization', '<p>The <code>org</code> parameter is not a GitHub organization name.</p>'));
        return true;
      }
      const state = remember(states, deps.newState(), deps.now());
      const origin = originOf(req);
      const autofix = url.searchParams.get('autofix') === '1';
      const { autofix_permissions: extra, ...base } = deps.manifest;
      const manifest = {
        ...base,
        default_permissions: { ...(base.default_permissions as object | undefined), ...(autofix ? (extra as object | undefined) : {}) },
        hook_attributes: { ...(deps.manifest.hook_attributes as object | undefined), url: `${origin}${WEBHOOK_PATH}`, active: true },
        redirect_url: `${origin}${CALLBACK_PATH}`,
      };
      const target = org === null ? `${deps.endpoints.webBaseUrl}/settings/apps/new` : `${deps.endpoints.webBaseUrl}/organizations/${org}/settings/apps/new`;
      sendHtml(
        res,
        200,
        page(
          'Register goarch as a GitHub App',
          `<p>This creates a GitHub App from <code>app.yml</code> ${org === null ? 'on your account' : `in the organization <b>${escape(org)}</b>`}, with webhooks sent to <code>${escape(origin + WEBHOOK_PATH)}</code>.</p>
<p>For an organization, open <code>${escape(SETUP_PATH)}?org=NAME</code> instead.</p>
<p>${autofix ? 'With <b>autofix</b>: the App may also push fix branches (contents and workflows: write).' : `Diagnosis only: the App cannot push. For fix pull requests, open <code>${escape(SETUP_PATH)}?autofix=1</code>.`}</p>
<form action="${escape(`${target}?state=${encodeURIComponent(state)}`)}" method="post">
<input type="hidden" name="manifest" value="${escape(JSON.stringify(manifest))}">
<button type="submit">Register on ${escape(deps.endpoints.webBaseUrl)}</button>
</form>`,
        ),
      );
      return true;
    }
    if (url.pathname === CALLBACK_PATH) {
      const code = url.searchParams.get('code') ?? '';
      const state = url.searchParams.get('state') ?? '';
      const issued = states.get(state);
      if (!/^[A-Za-z0-9_-]{1,100}$/.test(code) || issued === undefined || deps.now() - issued > STATE_TTL_MS) {
        sendHtml(res, 400, page('Setup link expired', `<p>This link is not valid any more. <a href="${SETUP_PATH}">Start again</a>.</p>`));
        return true;
      }
      states.delete(state);
      const response = await deps.fetch(`${deps.endpoints.apiBaseUrl}/app-manifests/${code}/conversions`, {
        method: 'POST',
        headers: { accept: 'application/vnd.github+json', 'user-agent': 'goarch' },
      });
      if (!response.ok) {
        log.warn({ status: response.status }, 'GitHub refused the app manifest code');
        sendHtml(res, 502, page('GitHub refused the code', `<p>GitHub answered ${response.status}. Codes expire after an hour; <a href="${SETUP_PATH}">start again</a>.</p>`));
        return true;
      }
      const app = (await response.json()) as { id: number; slug?: string; html_url: string; pem: string; webhook_secret: string | null };
      log.info({ appId: app.id, slug: app.slug }, 'GitHub App registered from the manifest');
      const env = [`APP_ID=${app.id}`, `WEBHOOK_SECRET=${app.webhook_secret ?? ''}`, `PRIVATE_KEY=${Buffer.from(app.pem).toString('base64')}`].join('\n');
      sendHtml(
        res,
        200,
        page(
          'GitHub App registered',
          `<p>Set these variables (in <code>.env</code> or your secret store), then restart goarch:</p>
<pre>${escape(env)}</pre>
<p>This page is the only copy of the private key: keep it safe. Then <a href="${escape(`${app.html_url}/installations/new`)}">install the app</a> on your repositories.</p>`,
        ),
      );
      return true;
    }
    return false;
  };
}

function remember(states: Map<string, number>, state: string, now: number): string {
  if (states.size >= MAX_STATES) {
    const oldest = states.keys().next();
    if (oldest.done !== true) states.delete(oldest.value);
  }
  states.set(state, now);
  return state;
}

function originOf(req: IncomingMessage): string {
  const forwardedProto = req.headers['x-forwarded-proto'];
  const proto = typeof forwardedProto === 'string' ? (forwardedProto.split(',')[0]?.trim() ?? 'http') : 'http';
  const forwardedHost = req.headers['x-forwarded-host'];
  const host = typeof forwardedHost === 'string' ? forwardedHost : (req.headers.host ?? 'localhost');
  return `${proto === 'https' ? 'https' : 'http'}://${host}`;
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action https: http:",
    'referrer-policy': 'no-referrer',
  });
  res.end(html);
}

function page(title: string, body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escape(title)}</title></head><body style="font-family:sans-serif;max-width:48rem;margin:2rem auto"><h1>${escape(title)}</h1>${body}</body></html>`;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
