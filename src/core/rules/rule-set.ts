import type { Rule } from './rule.js';

/** Words that make a line worth showing to the context tracker (platform facts, steps, container builds). */
export const CONTEXT_TRIGGERS = [
  '##[group]', '##[endgroup]', 'go version go', 'goarch=', 'goos=', 'goarch:', 'goos:', 'goarm=', 'cgo_enabled', 'platform', 'image:',
  'hostedtoolcache', 'go-versions', '] run ', 'step ', ': elf ', 'gnu/linux', 'uname', '[linux/', '[windows/',
  'docker', 'buildx', 'podman', 'failed to solve', ' cc=', 'go build', 'go install', 'go run ', 'go test ',
  'os/arch', 'architecture:', '--> ', '/users/', 'does not match the', 'gcc-cross', 'gohost', 'gotooldir', '/link: running', 'did not complete successfully', 'target=', '/system/bin/sh',
];

/**
 * The compiled rules and every trigger word (theirs and the context tracker's), so that the scanner
 * runs rule patterns only on the few lines that can match.
 */
export class RuleSet {
  readonly rules: readonly Rule[];
  readonly triggers: readonly string[];
  private readonly byTrigger: Map<string, Rule[]>;
  private readonly triggerList: Array<[string, Rule[]]>;
  private readonly anyRuleTrigger: RegExp;
  private readonly anyContextTrigger: RegExp;
  private readonly cache = new Map<string, Rule[]>();

  constructor(rules: readonly Rule[]) {
    const ids = new Set<string>();
    for (const r of rules) {
      if (ids.has(r.id)) throw new Error(`duplicate rule id "${r.id}" (${r.file})`);
      ids.add(r.id);
    }
    this.rules = [...rules].sort((a, b) => b.priority - a.priority || a.id.localeCompare(b.id));
    this.byTrigger = new Map();
    for (const r of this.rules) {
      for (const t of r.triggers) {
        const list = this.byTrigger.get(t) ?? [];
        list.push(r);
        this.byTrigger.set(t, list);
      }
    }
    this.triggerList = [...this.byTrigger];
    this.anyRuleTrigger = new RegExp([...this.byTrigger.keys()].map(escapeRegex).join('|'));
    this.anyContextTrigger = new RegExp(CONTEXT_TRIGGERS.map(escapeRegex).join('|'));
    const words = new Set<string>([...this.byTrigger.keys(), ...CONTEXT_TRIGGERS]);
    this.triggers = [...words].sort((a, b) => b.length - a.length);
  }

  /** True when the (lower-cased) line holds a word the context tracker reads. */
  hasContextTrigger(lowerLine: string): boolean {
    return this.anyContextTrigger.test(lowerLine);
  }

  /** Rules whose trigger words occur in the (lower-cased) line, highest priority first. */
  candidates(lowerLine: string): readonly Rule[] {
    if (!this.anyRuleTrigger.test(lowerLine)) return [];
    let key = '';
    for (let i = 0; i < this.triggerList.length; i++) if (lowerLine.includes(this.triggerList[i]?.[0] ?? '')) key += `${i},`;
    let rules = this.cache.get(key);
    if (!rules) {
      const out = new Set<Rule>();
      for (const i of key.split(',')) if (i !== '') for (const r of this.triggerList[Number(i)]?.[1] ?? []) out.add(r);
      rules = [...out].sort((a, b) => b.priority - a.priority || a.id.localeCompare(b.id));
      if (this.cache.size < 1024) this.cache.set(key, rules);
    }
    return rules;
  }
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
