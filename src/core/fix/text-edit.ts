/**
 * A splice on the original workflow text: replace [start, end) with `text`.
 * Edits are made on the source text (located through the YAML Document's node ranges), so every byte
 * the fix does not need to touch — comments, quoting, key order, anchors, blank lines, trailing spaces —
 * stays exactly as it was.
 */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** Applies non-overlapping edits to `text`. Throws when two edits overlap (a strategy bug, never user input). */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let cursor = 0;
  for (const edit of sorted) {
    if (edit.start < cursor || edit.end < edit.start || edit.end > text.length) {
      throw new Error(`overlapping or out-of-range text edit at ${edit.start}..${edit.end}`);
    }
    out += text.slice(cursor, edit.start) + edit.text;
    cursor = edit.end;
  }
  return out + text.slice(cursor);
}
