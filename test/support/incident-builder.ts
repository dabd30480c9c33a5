import type { FailureClass, Incident, Platform } from '../../src/core/model/index.js';

/** Builds an Incident for tests: only the class is required, every other field has a neutral default. */
export function buildIncident(fields: Pick<Incident, 'class'> & Partial<Incident>): Incident {
  return {
    ruleId: `test/${fields.class}`,
    title: fields.class,
    fingerprint: `test-${fields.class}`,
    confidence: 0.9,
    evidence: [],
    host: null,
    target: null,
    failingCommand: null,
    step: null,
    facts: {},
    explanation: '',
    fix: { summary: '', commands: [] },
    alternatives: [],
    ...fields,
  };
}

/** "linux/arm64" → { goos: 'linux', goarch: 'arm64' }. */
export function platform(text: string): Platform {
  const [goos = null, goarch = null, variant] = text.split('/');
  return variant ? { goos, goarch, variant } : { goos, goarch };
}

export type { FailureClass };
