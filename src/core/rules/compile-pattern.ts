/**
 * What XRegExp makes of a rule pattern: a native regex source, its native flags, and the names of its
 * capture groups in order (`n` makes only named groups capture; null for any other).
 */
export interface TranslatedPattern {
  source: string;
  flags: string;
  names: ReadonlyArray<string | null>;
}

/** Turns a rule pattern and its XRegExp flags into a native one (XRegExp itself: see translate-pattern.ts). */
export type PatternTranslator = (source: string, flags: string) => TranslatedPattern;

const cache = new Map<string, RegExp>();
const namesOf = new WeakMap<RegExp, ReadonlyArray<string | null>>();
/** Translations made at build time (dist/rule-cache.json), so that a cold start needs no XRegExp. */
const translated = new Map<string, TranslatedPattern>();

/** XRegExp's flags for a rule pattern: free-spacing (`x`) and comments; `n`: only named groups capture. */
export function patternFlags(caseSensitive: boolean): string {
  return caseSensitive ? 'xn' : 'xni';
}

/** The key of a pattern in the table of translations. */
export function patternId(source: string, caseSensitive: boolean): string {
  return `${patternFlags(caseSensitive)}\u0000${source}`;
}

/** Adds translations made earlier by the same translator (keys from patternId). */
export function addTranslatedPatterns(table: Readonly<Record<string, TranslatedPattern>>): void {
  for (const [key, t] of Object.entries(table)) translated.set(key, t);
}

/** True when compilePattern needs no translator for this pattern. */
export function isTranslated(source: string, caseSensitive: boolean): boolean {
  const key = patternId(source, caseSensitive);
  return cache.has(key) || translated.has(key);
}

/**
 * The one place where rule regexes are compiled: the XRegExp pattern is translated (by `translate`, or
 * from the table of translations) and compiled as a native RegExp, cached. Throws XRegExp's SyntaxError
 * for a bad pattern; the caller names the rule.
 */
export function compilePattern(source: string, caseSensitive: boolean, translate?: PatternTranslator): RegExp {
  const key = patternId(source, caseSensitive);
  let re = cache.get(key);
  if (!re) {
    let t = translated.get(key);
    if (!t) {
      if (!translate) throw new Error('pattern was not translated at build time and no translator was given');
      t = translate(source, patternFlags(caseSensitive));
      translated.set(key, t);
    }
    re = new RegExp(t.source, t.flags);
    namesOf.set(re, t.names);
    cache.set(key, re);
  }
  return re;
}

/** The translation of every pattern compiled so far (what the build writes beside the rule cache). */
export function translatedPatterns(): Record<string, TranslatedPattern> {
  return Object.fromEntries(translated);
}

/** Runs a compiled pattern and returns its named captures (the groups that took part in the match). */
export function execPattern(re: RegExp, text: string): Record<string, string> | null {
  re.lastIndex = 0;
  const m = re.exec(text);
  if (!m) return null;
  const out: Record<string, string> = {};
  const names = namesOf.get(re) ?? [];
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    const v = m[i + 1];
    if (name != null && v !== undefined) out[name] = v;
  }
  return out;
}
