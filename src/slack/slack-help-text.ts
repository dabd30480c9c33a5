/** The reply to `/goarch help` and to a mention goarch does not understand. */
export const SLACK_HELP_TEXT = [
  '*goarch* diagnoses Go CI failures caused by CPU architecture (exec format error, cgo cross-linking, missing QEMU, wrong GOARCH...).',
  '• `/goarch diagnose <GitHub Actions run or job URL>`: reads the failed jobs\' logs through the goarch GitHub App and posts the diagnosis here.',
  '• `/goarch diagnose` followed by a pasted log: the same for the text.',
  '• `@goarch diagnose <URL>` in a channel or thread, or `@goarch` on a message with a log file: the answer goes into the thread.',
  '• `/goarch stats`: the top incidents of the last 7 days.',
  '• `/goarch help`: this message.',
  'Repeats of an incident in a channel edit the first message and reply in its thread. Buttons on a diagnosis: *Show fix commands*, *Mute 7 days*, *Open fix PR* (for allowed users).',
].join('\n');
