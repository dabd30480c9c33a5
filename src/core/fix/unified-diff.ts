import { diffLines, splitLines } from './diff-lines.js';

export interface UnifiedDiffOptions {
  /** Name shown on the `---` line (default "a/workflow.yml"). */
  oldName?: string;
  /** Name shown on the `+++` line (default "b/workflow.yml"). */
  newName?: string;
  /** Unchanged lines shown around each change (default 3). */
  context?: number;
}

/**
 * A unified diff of two texts, as `diff -u` / `git diff` print it; '' when they are equal.
 * Carriage returns are kept as part of the lines; a missing final newline is marked the usual way.
 */
export function unifiedDiff(oldText: string, newText: string, options: UnifiedDiffOptions = {}): string {
  if (oldText === newText) return '';
  const context = options.context ?? 3;
  // A last line without a line ending is a different line from the same text with one.
  const oldLines = markLastLine(oldText);
  const newLines = markLastLine(newText);
  const lines = diffLines(oldLines, newLines);
  const changed = lines.map((l, i) => (l.kind === 'equal' ? -1 : i)).filter((i) => i >= 0);

  // Group changes whose context windows touch into hunks.
  const hunks: Array<[number, number]> = [];
  for (const index of changed) {
    const from = Math.max(0, index - context);
    const to = Math.min(lines.length - 1, index + context);
    const last = hunks[hunks.length - 1];
    if (last && from <= last[1] + 1) last[1] = to;
    else hunks.push([from, to]);
  }

  const out = [`--- ${options.oldName ?? 'a/workflow.yml'}`, `+++ ${options.newName ?? 'b/workflow.yml'}`];
  for (const [from, to] of hunks) {
    const slice = lines.slice(from, to + 1);
    const oldCount = slice.filter((l) => l.kind !== 'insert').length;
    const newCount = slice.filter((l) => l.kind !== 'delete').length;
    const firstOld = slice.find((l) => l.kind !== 'insert')?.oldLine ?? lineBefore(lines, from, 'old');
    const firstNew = slice.find((l) => l.kind !== 'delete')?.newLine ?? lineBefore(lines, from, 'new');
    out.push(`@@ -${range(firstOld, oldCount)} +${range(firstNew, newCount)} @@`);
    for (const line of slice) {
      const marker = line.kind === 'equal' ? ' ' : line.kind === 'delete' ? '-' : '+';
      if (line.text.endsWith(NO_EOL)) out.push(marker + line.text.slice(0, -NO_EOL.length), '\\ No newline at end of file');
      else out.push(marker + line.text);
    }
  }
  return out.join('\n') + '\n';
}

const NO_EOL = '\u0000no-eol';

function markLastLine(text: string): string[] {
  const lines = splitLines(text);
  const last = lines.length - 1;
  if (last >= 0 && !text.endsWith('\n')) lines[last] = `${lines[last] ?? ''}${NO_EOL}`;
  return lines;
}

/** `start,count` with 1-based start; an empty range names the line before it, as diff does. */
function range(zeroBasedStart: number, count: number): string {
  if (count === 0) return `${zeroBasedStart},0`;
  const start = zeroBasedStart + 1;
  return count === 1 ? `${start}` : `${start},${count}`;
}

/** For a hunk with no lines on one side: the 0-based index of the line just before it, +1 → start for `range`. */
function lineBefore(lines: ReturnType<typeof diffLines>, from: number, side: 'old' | 'new'): number {
  for (let i = from - 1; i >= 0; i -= 1) {
    const line = lines[i];
    if (!line) continue;
    const n = side === 'old' ? line.oldLine : line.newLine;
    if (n >= 0) return n + 1;
  }
  return 0;
}
