import type { Platform } from '../model/incident.js';

/** `linux/arm64`, `?/arm64`, or `unknown`. */
export function platformLabel(p: Platform | null): string {
  if (!p || (!p.goos && !p.goarch)) return 'unknown';
  const base = `${p.goos ?? '?'}/${p.goarch ?? '?'}`;
  return p.variant ? `${base}/${p.variant}` : base;
}

/** Log text is hostile: drop control characters and cap the length before showing it anywhere. */
export function safeLine(text: string, max = 300): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const clean = text.replace(/[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]/g, '');
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}
