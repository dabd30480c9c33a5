import type { Command } from './parse-args.js';

const RULE_FLAGS = `  --rules DIR          also load the rule files (*.yml) under DIR; repeatable
  --only-rules         load only the --rules directories, not the built-in rules`;

/** `goarch --help`, and `goarch <command> --help` for each command. */
export const USAGE: Record<Command | 'main', string> = {
  main: `goarch: diagnose Go CI failures caused by CPU architecture

Usage:
  goarch diagnose [options] <log | ->     diagnose a build log (plain, .gz, a GitHub log archive .zip,
                                          or gh run view --log output); - reads standard input
  goarch diagnose [options] <run URL>     download and diagnose a GitHub Actions run's failed jobs
  goarch fix --workflow FILE --log FILE   show the workflow edit that fixes the diagnosed failure
  goarch rules                            list every rule: id, class, title, the wordings it catches
  goarch explain <class | rule>           what a failure class or a rule means, and its rules
  goarch help <command>                   the options of one command (or goarch <command> --help)
  goarch --version

Exit codes (diagnose): 0 ran, 1 incidents found with --fail-on-incident, 2 bad input.
Exit codes (fix): 0 patched, 3 no safe edit, 2 bad input.`,
  diagnose: `Usage: goarch diagnose [options] <log | - | run URL>

Reads the log as a stream: a plain text log, a gzip file (.gz, recognised by its bytes), GitHub's
"Download log archive" zip (each member is diagnosed and named), or gh run view --log / --log-failed
output (the job and step columns are kept as context). - reads standard input.

A GitHub Actions URL downloads its failed (or timed-out) jobs' logs, each diagnosed and named:
  https://github.com/OWNER/REPO/actions/runs/RUN_ID[/attempts/N]   the run's failed jobs
  https://github.com/OWNER/REPO/actions/runs/RUN_ID/job/JOB_ID     that job
The token comes from GH_TOKEN, else GITHUB_TOKEN (logs need one: GH_TOKEN=$(gh auth token)); GH_HOST
names a GitHub Enterprise Server host (API https://HOST/api/v3); GITHUB_API_URL overrides the API base.

Options:
  --format FORMAT      text (default), markdown, json or slack
  --json               the same as --format json (the shape is in schemas/diagnosis.schema.json)
  --fail-on-incident   exit 1 when an architecture incident is found (--fail-on-incident=false: off)
  --max-bytes SIZE     stop after SIZE bytes of log text (per archive member or job), e.g. 50MB
${RULE_FLAGS}
  --no-color           no ANSI colours (also NO_COLOR=1; FORCE_COLOR=1 forces them)
  -h, --help           this help

Exit codes: 0 ran (with or without incidents), 1 incidents with --fail-on-incident, 2 bad input.`,
  fix: `Usage: goarch fix --workflow FILE --log FILE [--output FILE]

A dry run of the workflow patcher: prints why and the unified diff of the GitHub Actions workflow edit
that fixes the failure diagnosed in the log.

Options:
  --workflow FILE      the workflow file (.github/workflows/ci.yml)
  --log FILE           the failed run's log
  --output FILE        also write the patched workflow there
${RULE_FLAGS}
  -h, --help           this help

Exit codes: 0 patched, 3 no safe edit (nothing written), 2 bad input.`,
  rules: `Usage: goarch rules [--json]

Lists every rule, grouped by failure class: its id, title and the wordings it catches (from the rule's
own examples).

Options:
  --json               a JSON array instead of text
${RULE_FLAGS}
  -h, --help           this help`,
  explain: `Usage: goarch explain <class | rule> [--json]

Explains a failure class (for example cgo-cross-linker), a look-alike cause (for example
module-checksum-mismatch) or one rule (an id from goarch rules): what happened, why, and which rules
recognise it.

Options:
  --json               JSON instead of text
${RULE_FLAGS}
  -h, --help           this help`,
};
