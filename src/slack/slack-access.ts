import type { SlackConfig } from '../config/config.js';

export type SlackAccess = Pick<SlackConfig, 'allowedChannels' | 'channelRepos'>;

/** Whether goarch diagnoses anything in `channel` (SLACK_ALLOWED_CHANNELS; empty: every channel). */
export function channelAllowed(access: SlackAccess, channel: string): boolean {
  return access.allowedChannels.length === 0 || access.allowedChannels.includes(channel);
}

/**
 * Which runs of `owner/repo` may be diagnosed from `channel` (SLACK_CHANNEL_REPOS):
 * `mapped`: the channel is mapped to this repository (`owner/repo` or `owner/*`);
 * `refused`: the channel is mapped, to other repositories;
 * `public-only`: the channel has no mapping: only a public repository's runs.
 */
export function repoAccess(access: SlackAccess, channel: string, owner: string, repo: string): 'mapped' | 'refused' | 'public-only' {
  const patterns = access.channelRepos[channel];
  if (patterns === undefined || patterns.length === 0) return 'public-only';
  const name = `${owner}/${repo}`.toLowerCase();
  return patterns.some((p) => p.toLowerCase() === name || p.toLowerCase() === `${owner.toLowerCase()}/*`) ? 'mapped' : 'refused';
}

/** Whether `/goarch stats` in `channel` may show an incident of `scope`: the channel's own, or of a repository mapped to it. */
export function scopeVisible(access: SlackAccess, channel: string, scope: string): boolean {
  if (scope === `slack:${channel}`) return true;
  const repo = /^([^/#@]+)\/([^/#@]+)/.exec(scope);
  return repo !== null && repoAccess(access, channel, repo[1] ?? '', repo[2] ?? '') === 'mapped';
}
