import { verdictOf, type Diagnosis } from '../model/incident.js';

/** The version of the JSON shape (schemas/diagnosis.schema.json): raised when a field is removed or changes meaning. */
export const JSON_SCHEMA_VERSION = 1;

/** The stable JSON shape of `goarch diagnose --json` (documented in the README and schemas/diagnosis.schema.json). */
export function renderJson(diagnosis: Diagnosis): string {
  const incidents = diagnosis.incidents.map((i) => ({
    class: i.class,
    title: i.title,
    fingerprint: i.fingerprint,
    confidence: i.confidence,
    evidence: i.evidence,
    host: i.host,
    target: i.target,
    failingCommand: i.failingCommand,
    fix: i.fix,
    alternatives: i.alternatives,
    ruleId: i.ruleId,
    step: i.step,
    facts: i.facts,
    explanation: i.explanation,
    ...(i.situation ? { situation: i.situation } : {}),
  }));
  const verdict = diagnosis.verdict ?? verdictOf(diagnosis);
  const nearest = verdict === 'not-architecture' && diagnosis.nearest ? diagnosis.nearest : null;
  return JSON.stringify({ schemaVersion: JSON_SCHEMA_VERSION, verdict, incidents, nearest, lines: diagnosis.lines, bytes: diagnosis.bytes, truncated: diagnosis.truncated }, null, 2);
}
