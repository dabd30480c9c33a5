const LINK = /<((?:https?:\/\/)[^|>\s]+)(?:\|[^>]*)?>/g;

/** Slack's mrkdwn escaping undone: links to their URL, `&lt; &gt; &amp;` back to characters. */
export function unescapeSlack(text: string): string {
  return text.replace(LINK, '$1').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
