/**
 * A message link Slack resolves to the workspace (`https://slack.com/archives/C/p<ts>`, with the
 * thread root for a reply), and back: the thread root of a link made here.
 */
export const slackPermalink = {
  make(channel: string, ts: string, threadTs: string | null): string {
    const base = `https://slack.com/archives/${channel}/p${ts.replace('.', '')}`;
    return threadTs === null || threadTs === ts ? base : `${base}?thread_ts=${threadTs}&cid=${channel}`;
  },
  threadRoot(url: string | undefined, ts: string): string {
    if (url === undefined) return ts;
    try {
      return new URL(url).searchParams.get('thread_ts') ?? ts;
    } catch {
      return ts;
    }
  },
};
