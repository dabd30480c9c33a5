import type { Scalar } from 'yaml';

/** Formats `value` with the quoting style of `like`: 'x', "x" or plain. */
export function quoteLike(like: Scalar, value: string): string {
  if (like.type === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
  if (like.type === 'QUOTE_DOUBLE') return JSON.stringify(value);
  return value;
}
