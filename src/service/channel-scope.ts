/** Dedupe scope of an incident in a chat channel: `slack:<channel id>`. */
export function channelScope(channel: string): string {
  return `slack:${channel}`;
}
