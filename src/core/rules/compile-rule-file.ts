import type { ContextPattern, Rule } from './rule.js';
import { RuleError } from './rule-error.js';
import type { RuleFile } from './rule-schema.js';
import { compilePattern, type PatternTranslator } from './compile-pattern.js';
import { groupNamesOf, isCaptureName } from './capture-names.js';

/**
 * Compiles a validated rule file (fresh, or from a cache of validated files). Its patterns are translated
 * by `translate` (XRegExp), or found among the translations made at build time.
 */
export function compileRuleFile(file: string, r: RuleFile, options: { lazy?: boolean; translate?: PatternTranslator } = {}): Rule {
  const base = file.split(/[\\/]/).pop()?.replace(/\.ya?ml$/, '');
  if (base !== undefined && base !== r.id) {
    throw new RuleError(file, 'id', `must equal the file name "${base}" (got "${r.id}")`);
  }
  checkCaptureNames(file, r);
  const compile = (source: string, field: string): RegExp => {
    try {
      return compilePattern(source, r.caseSensitive, options.translate);
    } catch (error) {
      throw new RuleError(file, field, `invalid pattern: ${firstLine(error)}`);
    }
  };
  // Lazy compilation is for rule files compiled successfully before (the build's cache): a pattern
  // is compiled on first use, so a cold start does not compile the many rules a log never triggers.
  const regexOf = (source: string, field: string): (() => RegExp) => {
    let re: RegExp | null = null;
    const get = (): RegExp => (re ??= compile(source, field));
    if (!options.lazy) get();
    return get;
  };
  const patternFns = r.patterns.map((p, i) => regexOf(p, `patterns.${i}`));
  let patterns: RegExp[] | null = null;
  const context = (list: typeof r.context.before, side: string): ContextPattern[] =>
    list.map((c, i) => {
      const regex = regexOf(c.pattern, `context.${side}.${i}.pattern`);
      return {
        get regex() {
          return regex();
        },
        source: c.pattern,
        within: c.within,
        present: c.present,
      };
    });
  const when: Rule['when'] = {};
  if (r.when.cross !== undefined) when.cross = r.when.cross;
  if (r.when.docker !== undefined) when.docker = r.when.docker;
  if (r.when.cgoOff !== undefined) when.cgoOff = r.when.cgoOff;
  if (r.when.sameArch !== undefined) when.sameArch = r.when.sameArch;
  if (r.when.native !== undefined) when.native = r.when.native;
  if (r.when.platformShown !== undefined) when.platformShown = r.when.platformShown;
  if (r.when.hostArch !== undefined) when.hostArch = Object.freeze([...r.when.hostArch]);
  return {
    id: r.id,
    file,
    class: r.class,
    lookalike: r.cause && r.hint ? { cause: r.cause, hint: r.hint.command ? { summary: r.hint.summary, command: r.hint.command } : { summary: r.hint.summary } } : null,
    title: r.title,
    priority: r.priority,
    confidence: r.confidence,
    triggers: r.triggers.map((t) => t.toLowerCase()),
    get patterns() {
      return (patterns ??= patternFns.map((f) => f()));
    },
    patternSources: r.patterns,
    caseSensitive: r.caseSensitive,
    before: context(r.context.before, 'before'),
    after: context(r.context.after, 'after'),
    when,
    facts: r.facts,
    suppresses: r.suppresses,
    explanation: r.explanation.trim(),
    examples: r.examples,
  };
}

/**
 * Every name a rule gives a fact (pattern and context groups, `facts` keys, `{name}` in a hint's command)
 * must be one the engine knows (`CAPTURE_NAMES`): an unknown name is refused here, with its field, rather
 * than lost silently when the diagnosis reads its facts.
 */
function checkCaptureNames(file: string, r: RuleFile): void {
  const check = (name: string, field: string) => {
    if (!isCaptureName(name)) throw new RuleError(file, field, `capture name "${name}" is not one goarch reads (see CAPTURE_NAMES in src/core/rules/capture-names.ts; add it there with what it means)`);
  };
  r.patterns.forEach((source, i) => groupNamesOf(source).forEach((name) => check(name, `patterns.${i}`)));
  for (const side of ['before', 'after'] as const) {
    r.context[side].forEach((c, i) => groupNamesOf(c.pattern).forEach((name) => check(name, `context.${side}.${i}.pattern`)));
  }
  for (const name of Object.keys(r.facts)) check(name, `facts.${name}`);
  for (const [, name] of (r.hint?.command ?? '').matchAll(/\{(\w{1,30})\}/g)) check(name ?? '', 'hint.command');
}

function firstLine(error: unknown): string {
  const msg = error instanceof Error ? error.message : String(error);
  return msg.split('\n')[0] ?? msg;
}
