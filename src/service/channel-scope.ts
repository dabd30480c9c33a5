/** Dedupe scope of an incident in a chat channel: `<post kind>:<channel id>` (Slack: `slack:C012AB3CD`). */
export function channelScope(postKind: string, channel: string): string {
  return `${postKind}:${channel}`;
}
