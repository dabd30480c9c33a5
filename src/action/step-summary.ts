/** GitHub takes at most 1 MiB of step summary per step; goarch keeps well under it. */
const MAX_SUMMARY_CHARS = 100_000;

/** The Markdown for GITHUB_STEP_SUMMARY, cut at a line boundary with a note when it is longer than the cap. */
export function capSummary(markdown: string, max = MAX_SUMMARY_CHARS): string {
  const text = markdown.endsWith('\n') ? markdown : `${markdown}\n`;
  if (text.length <= max) return text;
  const note = '\n_goarch cut this summary here: it was too long. The full diagnosis is in the pull request comment or the job log._\n';
  const room = max - note.length - 1;
  const cut = text.lastIndexOf('\n', room);
  return `${text.slice(0, cut > 0 ? cut : room)}\n${note}`;
}
