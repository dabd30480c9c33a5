import { unescapeSlack } from './unescape-slack.js';

/** What `/goarch ...` or `@goarch ...` asks for. The text is Slack's: entities escaped, links maybe as `<url|label>`. */
export type GoarchRequest =
  | { kind: 'help'; unknown: string | null }
  | { kind: 'stats' }
  | { kind: 'diagnose-empty' }
  | { kind: 'diagnose-url'; url: string }
  | { kind: 'diagnose-text'; text: string };

const MENTION = /^(?:\s*<[@!][^>]+>)+/;

/**
 * Parses the text after `/goarch` (or a mention, whose leading `<@U...>` is dropped):
 * `help`, `stats`, `diagnose <URL>`, `diagnose` + a pasted log (code fences dropped). A single token
 * that looks like a URL is a URL request, anything longer is a pasted log.
 */
export function parseGoarchText(raw: string): GoarchRequest {
  const text = raw.replace(MENTION, '').trim();
  const [first = ''] = text.split(/\s+/);
  const verb = first.toLowerCase();
  if (verb === '' || verb === 'help') return { kind: 'help', unknown: null };
  if (verb === 'stats') return { kind: 'stats' };
  if (verb !== 'diagnose') return { kind: 'help', unknown: first.slice(0, 40) };
  const body = text.slice(first.length).trim();
  if (body === '') return { kind: 'diagnose-empty' };
  const token = unescapeSlack(body).replace(/^`+|`+$/g, '');
  if (/^https?:\/\/\S+$/i.test(token)) return { kind: 'diagnose-url', url: token };
  const log = unescapeSlack(body).replace(/^```\n?|\n?```$/g, '');
  return { kind: 'diagnose-text', text: log };
}
