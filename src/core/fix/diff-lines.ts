/** One line of a line diff: kept, removed from the old text, or added in the new one. */
export interface DiffLine {
  kind: 'equal' | 'delete' | 'insert';
  text: string;
  /** 0-based line in the old text (delete, equal) or -1. */
  oldLine: number;
  /** 0-based line in the new text (insert, equal) or -1. */
  newLine: number;
}

/** Splits text into lines the way `diff` does: a final line ending does not start an empty line. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * A shortest line diff (Myers' O((N+M)·D) algorithm). Patches change a handful of lines in files of a
 * few thousand, so D stays small and this is fast.
 */
export function diffLines(oldLines: readonly string[], newLines: readonly string[]): DiffLine[] {
  // Common prefix and suffix first: the patches we diff differ in a few places only.
  let prefix = 0;
  while (prefix < oldLines.length && prefix < newLines.length && oldLines[prefix] === newLines[prefix]) prefix += 1;
  let suffix = 0;
  while (
    suffix < oldLines.length - prefix &&
    suffix < newLines.length - prefix &&
    oldLines[oldLines.length - 1 - suffix] === newLines[newLines.length - 1 - suffix]
  ) suffix += 1;
  const a = oldLines.slice(prefix, oldLines.length - suffix);
  const b = newLines.slice(prefix, newLines.length - suffix);

  const kinds: Array<Pick<DiffLine, 'kind' | 'text'>> = [];
  for (let i = 0; i < prefix; i += 1) kinds.push({ kind: 'equal', text: oldLines[i] ?? '' });
  for (const line of myers(a, b)) kinds.push({ kind: line.kind, text: line.text });
  for (let i = suffix; i > 0; i -= 1) kinds.push({ kind: 'equal', text: oldLines[oldLines.length - i] ?? '' });
  slideDown(kinds);
  return number(kinds);
}

/**
 * Moves each run of only-added or only-removed lines as far down as it can go while the diff stays
 * the same (the run's first line equals the unchanged line after it), as GNU diff and git do: an
 * inserted `fi` block is shown after the existing `fi`, not before it.
 */
function slideDown(lines: Array<Pick<DiffLine, 'kind' | 'text'>>): void {
  let i = 0;
  while (i < lines.length) {
    const kind = lines[i]?.kind;
    if (kind === 'equal' || kind === undefined) {
      i += 1;
      continue;
    }
    let end = i;
    while (lines[end + 1]?.kind === kind) end += 1;
    const before = i > 0 ? lines[i - 1]?.kind : 'equal';
    const after = lines[end + 1];
    const first = lines[i];
    if (before === 'equal' && first && after?.kind === 'equal' && after.text === first.text) {
      // The first changed line and the unchanged line after the run have the same text: swapping
      // their kinds shifts the run one line down without changing either file.
      lines[i] = { kind: 'equal', text: first.text };
      lines[end + 1] = { kind, text: after.text };
      i += 1;
      continue;
    }
    i = end + 1;
  }
}

function number(lines: ReadonlyArray<Pick<DiffLine, 'kind' | 'text'>>): DiffLine[] {
  let oldLine = 0;
  let newLine = 0;
  return lines.map((line) => {
    const numbered: DiffLine = {
      ...line,
      oldLine: line.kind === 'insert' ? -1 : oldLine,
      newLine: line.kind === 'delete' ? -1 : newLine,
    };
    if (line.kind !== 'insert') oldLine += 1;
    if (line.kind !== 'delete') newLine += 1;
    return numbered;
  });
}

function myers(a: readonly string[], b: readonly string[]): DiffLine[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Array<number>(2 * max + 3).fill(0);
  const trace: number[][] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d += 1) {
    trace.push([...v]);
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0));
      let x = down ? (v[offset + k + 1] ?? 0) : (v[offset + k - 1] ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x += 1;
        y += 1;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  trace.push([...v]);
  // Walk back through the saved frontiers to recover the edit script.
  const result: DiffLine[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 2; d >= 0; d -= 1) {
    const frontier = trace[d] ?? [];
    const k = x - y;
    const down = k === -d || (k !== d && (frontier[offset + k - 1] ?? 0) < (frontier[offset + k + 1] ?? 0));
    const prevK = down ? k + 1 : k - 1;
    const prevX = frontier[offset + prevK] ?? 0;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x -= 1;
      y -= 1;
      result.push({ kind: 'equal', text: a[x] ?? '', oldLine: x, newLine: y });
    }
    if (d === 0) break;
    if (down) {
      y -= 1;
      result.push({ kind: 'insert', text: b[y] ?? '', oldLine: -1, newLine: y });
    } else {
      x -= 1;
      result.push({ kind: 'delete', text: a[x] ?? '', oldLine: x, newLine: -1 });
    }
  }
  return result.reverse();
}
