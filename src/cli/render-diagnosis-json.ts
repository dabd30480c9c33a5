import { renderJson } from '../core/render/render-json.js';
import type { MergedDiagnosis } from './merge-diagnoses.js';

/** `--json`: the core's shape (schemas/diagnosis.schema.json), with `source` on incidents and `members` for an archive. */
export function renderDiagnosisJson(merged: MergedDiagnosis): string {
  const base = renderJson(merged.diagnosis);
  if (merged.members === null && merged.sources.every((s) => s === null) && merged.nearestSource === null) return base;
  const json = JSON.parse(base) as { incidents: Array<Record<string, unknown>>; nearest: Record<string, unknown> | null } & Record<string, unknown>;
  json.incidents.forEach((incident, n) => {
    const source = merged.sources[n];
    if (source) incident.source = source;
  });
  if (json.nearest && merged.nearestSource) json.nearest.source = merged.nearestSource;
  if (merged.members) json.members = merged.members;
  return JSON.stringify(json, null, 2);
}
