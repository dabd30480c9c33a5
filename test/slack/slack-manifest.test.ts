import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SLACK_ENDPOINTS } from '../../src/slack/mount-slack.js';

interface Manifest {
  features: { slash_commands: { command: string; url: string; should_escape: boolean }[] };
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { request_url: string; bot_events: string[] }; interactivity: { is_enabled: boolean; request_url: string }; socket_mode_enabled: boolean };
}

describe('slack-manifest.yml', () => {
  const manifest = parse(readFileSync('slack-manifest.yml', 'utf8')) as Manifest;

  it('points every request URL at an endpoint the server serves', () => {
    const paths = [
      ...manifest.features.slash_commands.map((c) => c.url),
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
    ].map((url) => new URL(url.replace('YOUR-HOST', 'example.com')).pathname);
    expect(paths).toEqual(['/slack/commands', '/slack/events', '/slack/actions']);
    for (const path of paths) expect(SLACK_ENDPOINTS).toContain(path);
  });

  it('asks for exactly what the listeners use: /goarch, app_mention, interactivity, and four bot scopes', () => {
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual(['/goarch']);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(['app_mention']);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.oauth_config.scopes.bot).toEqual(['app_mentions:read', 'chat:write', 'commands', 'files:read']);
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });
});
