import { escapeMarkdown } from '../core/render/render-markdown.js';
import { safeLine } from '../core/render/display-text.js';
import type { EvidenceSource, MergedDiagnosis } from './merge-diagnoses.js';

/** Lines that say where each incident's evidence is (archive member, job, step), for the text and Markdown output. */
export function renderSources(merged: MergedDiagnosis, markdown: boolean): string {
  const esc = (s: string): string => (markdown ? escapeMarkdown(safeLine(s, 200)) : safeLine(s, 200));
  const where = (s: EvidenceSource): string => {
    const parts = [s.member !== null ? esc(s.member) : null, s.job !== null ? `job ${esc(s.job)}` : null, s.step !== null ? `step ${esc(s.step)}` : null].filter((p) => p !== null);
    return parts.join(', ');
  };
  const out: string[] = [];
  const { diagnosis, sources, members } = merged;
  if (members) {
    const read = members.filter((m) => m.verdict !== 'skipped');
    const skipped = members.length - read.length;
    const what = merged.origin === 'run' ? ['GitHub Actions run', 'job log', 'job'] : ['Log archive', 'log', 'member'];
    out.push(`${what[0]}: ${read.length} ${what[1]}${read.length === 1 ? '' : 's'} read${skipped > 0 ? `, ${skipped} ${what[2]}${skipped === 1 ? '' : 's'} skipped (see --json)` : ''}.`);
  }
  diagnosis.incidents.forEach((incident, n) => {
    const s = sources[n];
    if (s) out.push(`${markdown ? '- ' : ''}${n + 1}. ${incident.class}: evidence in ${where(s)}`);
  });
  if (merged.nearestSource && diagnosis.nearest) out.push(`${markdown ? '- ' : ''}${diagnosis.nearest.cause}: evidence in ${where(merged.nearestSource)}`);
  if (out.length === 0) return '';
  return `${out.join('\n')}\n`;
}
