import type { Scenario } from './scenario.js';
import type { DiagnoseResult } from './diagnose-log.js';

/** The diagnosis a perfect CLI would give: the scenario's expectation with its reference fix. */
export function referenceDiagnosis(spec: Scenario): DiagnoseResult {
  if (!('class' in spec.expect)) return { ok: true, output: { incidents: [] } };
  if (!spec.referenceFix) return { ok: false, problem: 'scenario.json has no referenceFix' };
  const { class: cls, host, target } = spec.expect;
  return { ok: true, output: { incidents: [{ class: cls, host, target, fix: { summary: 'reference fix', commands: spec.referenceFix } }] } };
}
