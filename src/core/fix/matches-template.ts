const EXPRESSION = /\$\{\{[^}]*(?:\}(?!\})[^}]*)*\}\}/g;
/** Longer lines (from a log or a workflow) are never matched: the cost of a match stays bounded. */
const MAX_LINE = 8192;

/**
 * True when `concrete` (a line from a log, where GitHub has already evaluated `${{ … }}`) could be
 * `template` (the same line as written in the workflow). Each expression matches any text; whitespace
 * is not significant (an expression that evaluated to '' leaves a dangling space). Both sides are trimmed.
 *
 * No regex is built from either text: the literal pieces between expressions are found in order with
 * `indexOf` (leftmost first, which is optimal for `*`-style wildcards), so the cost is linear in the
 * line for each piece, whatever the line holds.
 */
export function matchesTemplate(template: string, concrete: string): boolean {
  if (template.length > MAX_LINE || concrete.length > MAX_LINE) return false;
  const parts = template.trim().split(EXPRESSION);
  if (parts.length === 1) return normaliseSpace(template) === normaliseSpace(concrete);
  const pieces = parts.map(dropSpace);
  const wanted = dropSpace(concrete);
  const first = pieces[0] ?? '';
  const last = pieces[pieces.length - 1] ?? '';
  if (first.length + last.length > wanted.length || !wanted.startsWith(first) || !wanted.endsWith(last)) return false;
  let at = first.length;
  const end = wanted.length - last.length;
  for (const piece of pieces.slice(1, -1)) {
    if (piece === '') continue;
    const found = wanted.indexOf(piece, at);
    if (found === -1 || found + piece.length > end) return false;
    at = found + piece.length;
  }
  return true;
}

function normaliseSpace(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

function dropSpace(text: string): string {
  return text.replace(/\s+/g, '');
}
