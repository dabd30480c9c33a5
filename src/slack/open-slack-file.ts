import { SlackError } from './slack-error.js';

/** A file shared in Slack, as the event describes it (parsed by `mentionEventSchema`). */
export interface SlackFileRef {
  id: string;
  name: string;
  size: number | null;
  mimetype: string | null;
  url: string;
}

const TEXT_TYPES = /^(text\/|application\/(json|x-log|octet-stream|x-yaml|yaml))/;

/**
 * Downloads a shared file with the bot token (files:read) as a byte stream, never buffered whole; the
 * caller stops reading at its byte limit and the download is cancelled. An HTML answer is Slack's login
 * page (the token lacks files:read) and a binary file is not a log: both are reported, not scanned.
 */
export async function openSlackFile(file: SlackFileRef, botToken: string, fetchFn: typeof fetch = globalThis.fetch): Promise<AsyncIterable<Uint8Array>> {
  const meta = { name: file.name };
  if (file.mimetype !== null && !TEXT_TYPES.test(file.mimetype)) throw new SlackError('file-unreadable', `not a text file: ${file.mimetype}`, { ...meta, reason: `it is ${file.mimetype}, not a text log` });
  const response = await fetchFn(file.url, { headers: { authorization: `Bearer ${botToken}` }, redirect: 'follow' });
  if (!response.ok || response.body === null) {
    await response.body?.cancel().catch(() => undefined);
    throw new SlackError('file-unreadable', `file download answered ${response.status}`, { ...meta, reason: `Slack answered HTTP ${response.status}` });
  }
  if ((response.headers.get('content-type') ?? '').startsWith('text/html')) {
    await response.body.cancel().catch(() => undefined);
    throw new SlackError('file-unreadable', 'file download answered a login page', { ...meta, reason: 'Slack answered a login page: the app needs the files:read scope; reinstall it from slack-manifest.yml' });
  }
  return readBody(response.body);
}

async function* readBody(body: ReadableStream<Uint8Array>): AsyncIterable<Uint8Array> {
  const reader = body.getReader();
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) return;
      yield next.value;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}
