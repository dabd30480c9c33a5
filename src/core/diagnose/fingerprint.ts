import { createHash } from 'node:crypto';

/** Masks what changes between runs of the same incident: times, ids, temp dirs, addresses, numbers in paths. */
export function maskVolatile(text: string): string {
  return text
    .replace(/\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:\.\d+)?Z?/g, '<time>')
    .replace(/\b0x[0-9a-f]+\b/gi, '<addr>')
    .replace(/\b[0-9a-f]{12,64}\b/gi, '<hash>')
    .replace(/\/tmp\/[\w.-]*?\d[\w.-]*/g, '/tmp/<tmp>')
    .replace(/go-build\d+/g, 'go-build<n>')
    .replace(/\/home\/runner\/work\/[^/\s]+\/[^/\s]+/g, '<workspace>')
    .replace(/\b\d+\.\d+s\b/g, '<dur>')
    .replace(/^#\d+ /, '')
    .replace(/:\d+(?::\d+)?(?=[:\s]|$)/g, ':<n>')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A short stable id from the root cause: the class and the facts that tell causes apart (library, binary, target...). */
export function fingerprintOf(parts: { class: string; keys: Record<string, string | null | undefined> }): string {
  const keyText = Object.keys(parts.keys)
    .sort()
    .map((k) => `${k}=${parts.keys[k] ?? ''}`)
    .join('\u0001');
  return createHash('sha256').update(`${parts.class}\u0000${keyText}`).digest('hex').slice(0, 16);
}
