import type { Diagnosis, EvidenceLine, Incident } from '../core/model/incident.js';
import { verdictOf } from '../core/model/incident.js';
import type { NearestCause } from '../core/model/nearest-cause.js';
import type { LineSource, LogUnit, SkippedMember } from './log-unit.js';

/** Where an incident's evidence is: the archive member, the job and the step. */
export interface EvidenceSource {
  member: string | null;
  job: string | null;
  step: string | null;
}

/** One entry of `members` in the JSON output. */
export interface MemberReport {
  name: string;
  job: string | null;
  step: string | null;
  verdict: Diagnosis['verdict'] | 'skipped';
  incidents: number;
  lines: number;
  bytes: number;
  truncated: boolean;
  reason?: string;
}

/** The diagnosis of everything goarch was given, and where each incident's evidence is. */
export interface MergedDiagnosis {
  diagnosis: Diagnosis;
  /** Parallel to diagnosis.incidents; null where there is nothing to add to a plain log. */
  sources: Array<EvidenceSource | null>;
  nearestSource: EvidenceSource | null;
  /** Archives (and runs) only. */
  members: MemberReport[] | null;
  /** The members are the jobs of a GitHub Actions run, not a zip's files. */
  origin?: 'run';
}

/**
 * Joins the diagnoses of each unit (one for a plain log, one per job of an archive): evidence lines are
 * given in their archive member's numbering, an incident seen in two jobs is listed once (the first),
 * and the job and step names of gh output or of the archive's paths fill in where the log did not say.
 */
export function mergeDiagnoses(results: ReadonlyArray<{ unit: LogUnit; diagnosis: Diagnosis }>, skipped: readonly SkippedMember[], archive: boolean): MergedDiagnosis {
  const incidents: Incident[] = [];
  const sources: Array<EvidenceSource | null> = [];
  const seen = new Set<string>();
  let nearest: NearestCause | null = null;
  let nearestSource: EvidenceSource | null = null;
  let lines = 0;
  let bytes = 0;
  let truncated = false;
  for (const { unit, diagnosis } of results) {
    lines += diagnosis.lines;
    bytes += diagnosis.bytes;
    truncated ||= diagnosis.truncated;
    for (const incident of diagnosis.incidents) {
      if (seen.has(incident.fingerprint)) continue;
      seen.add(incident.fingerprint);
      const { evidence, source } = place(unit, incident.evidence);
      incidents.push({ ...incident, evidence, step: incident.step ?? source?.step ?? null });
      sources.push(source ? { ...source, step: source.step ?? incident.step } : null);
    }
    if (nearest === null && diagnosis.nearest) {
      const { evidence, source } = place(unit, diagnosis.nearest.evidence);
      nearest = { ...diagnosis.nearest, evidence };
      nearestSource = source;
    }
  }
  const merged: Diagnosis = { incidents, lines, bytes, truncated, nearest: incidents.length === 0 ? nearest : null, verdict: verdictOf({ incidents, nearest }) };
  const members = archive
    ? [
        ...results.map(({ unit, diagnosis }) => ({ name: unit.name ?? '', job: unit.job, step: unit.step, verdict: diagnosis.verdict ?? verdictOf(diagnosis), incidents: diagnosis.incidents.length, lines: diagnosis.lines, bytes: diagnosis.bytes, truncated: diagnosis.truncated })),
        ...skipped.map((s) => ({ name: s.name, job: s.job, step: s.step, verdict: 'skipped' as const, incidents: 0, lines: 0, bytes: 0, truncated: false, reason: s.reason })),
      ]
    : null;
  return { diagnosis: merged, sources, nearestSource: incidents.length === 0 ? nearestSource : null, members };
}

function place(unit: LogUnit, evidence: readonly EvidenceLine[]): { evidence: EvidenceLine[]; source: EvidenceSource | null } {
  const first = evidence[0];
  const at: LineSource | null = first ? unit.locate(first.line) : null;
  const inMember = (e: EvidenceLine): EvidenceLine => {
    const loc = unit.locate(e.line);
    return loc?.member ? { ...e, line: loc.line } : { ...e };
  };
  const source = at ?? (unit.name !== null ? { member: unit.name, job: unit.job, step: unit.step, line: 0 } : null);
  return { evidence: evidence.map(inMember), source: source ? { member: source.member, job: source.job, step: source.step } : null };
}
