import XRegExp from 'xregexp';
import type { TranslatedPattern } from './compile-pattern.js';

/**
 * XRegExp's translation of a rule pattern to a native regex: free-spacing and comments removed, named
 * groups numbered (their names kept in order). Throws XRegExp's SyntaxError for a bad pattern.
 */
export function translatePattern(source: string, flags: string): TranslatedPattern {
  const re = XRegExp(source, flags);
  const names = (re as unknown as { xregexp?: { captureNames?: Array<string | null> | null } }).xregexp?.captureNames ?? [];
  return { source: re.source, flags: re.flags, names: [...names] };
}
