import type { ScenarioResult } from './scenario-result.js';

const mark = (v: boolean | null): string => (v === null ? '-' : v ? 'ok' : 'FAIL');

/** The lab's result table, plain text, one row per scenario, then the problems of each failed or skipped one. */
export function renderTable(results: readonly ScenarioResult[], mode: 'lab' | 'fixtures'): string {
  const head = mode === 'lab' ? ['scenario', 'kind', 'expected class', 'got class', 'host/target', 'fix', 'result', 'time'] : ['scenario', 'kind', 'expected class', 'exit', 'result', 'time'];
  const rows = results.map((r) =>
    mode === 'lab'
      ? [r.name, r.kind, r.expected, r.got, mark(r.platformOk), mark(r.fixOk), r.status, `${(r.durationMs / 1000).toFixed(1)}s`]
      : [r.name, r.kind, r.expected, r.exitCode === null ? '-' : String(r.exitCode), r.status, `${(r.durationMs / 1000).toFixed(1)}s`],
  );
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  const out = [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
  const notes = results.filter((r) => r.problems.length > 0);
  if (notes.length > 0) out.push('', ...notes.flatMap((r) => r.problems.map((p) => `${r.name} (${r.status}): ${p}`)));
  return out.join('\n');
}
