/** A timestamp the way the Actions log download API prefixes each line: ISO 8601 with 7 fractional digits. */
export function actionsTimestamp(now: Date, subMillisecond: number): string {
  const iso = now.toISOString(); // 2026-11-29T16:40:01.123Z
  const extra = String(Math.max(0, Math.min(9999, Math.floor(subMillisecond)))).padStart(4, '0');
  return `${iso.slice(0, -1)}${extra}Z`;
}
