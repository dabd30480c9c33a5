const EXPRESSION = /\$\{\{[\s\S]*?\}\}/g;

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * True when `concrete` (a line from a log, where GitHub has already evaluated `${{ … }}`) could be
 * `template` (the same line as written in the workflow). Each expression matches any text; runs of
 * whitespace match any whitespace, including none (an expression that evaluated to '' leaves a
 * dangling space). Both sides are trimmed. Only meant for single lines of modest length.
 */
export function matchesTemplate(template: string, concrete: string): boolean {
  const wanted = concrete.trim();
  const parts = template.trim().split(EXPRESSION);
  if (parts.length === 1) return normaliseSpace(template) === normaliseSpace(wanted);
  const pattern = parts.map((part) => escapeRegex(part).replace(/\s+/g, '\\s*')).join('[\\s\\S]*?');
  return new RegExp(`^${pattern}$`).test(wanted);
}

function normaliseSpace(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}
