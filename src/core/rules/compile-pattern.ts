import XRegExp from 'xregexp';

const cache = new Map<string, RegExp>();

/**
 * The one place where rule regexes are compiled. XRegExp gives free-spacing (`x`) and comments;
 * `n` makes only named groups capture, so rule data never depends on group numbers.
 * Throws XRegExp's SyntaxError for a bad pattern; the caller names the rule.
 */
export function compilePattern(source: string, caseSensitive: boolean): RegExp {
  const flags = caseSensitive ? 'xn' : 'xni';
  const key = `${flags}\u0000${source}`;
  let re = cache.get(key);
  if (!re) {
    re = XRegExp(source, flags);
    cache.set(key, re);
  }
  return re;
}

/** Runs a compiled pattern and returns its named captures (XRegExp keeps the names, not the native groups). */
export function execPattern(re: RegExp, text: string): Record<string, string> | null {
  re.lastIndex = 0;
  const m = XRegExp.exec(text, re);
  if (!m) return null;
  const out: Record<string, string> = {};
  const groups = (m as unknown as { groups?: Record<string, string | undefined> }).groups;
  if (groups) for (const [k, v] of Object.entries(groups)) if (v !== undefined) out[k] = v;
  return out;
}
