/**
 * Turns one raw log line into the text a person would read, and says where it came from.
 *
 * Handles: CR-overwritten progress lines, ANSI escapes, NUL and other control bytes, GitHub Actions
 * timestamps and `##[group]`/`##[endgroup]`/`##[error]` markers, GitLab section markers, Kubernetes CRI
 * log prefixes, a Markdown quote (`> `) and docker compose's `web-1  | ` column, BuildKit `#12 0.345`
 * prefixes and the Docker legacy builder's `Step 3/7 : RUN ...`.
 */
export interface NormalizedLine {
  text: string;
  /** The Actions marker on this line, if any. */
  marker: 'group' | 'endgroup' | 'error' | 'warning' | 'command' | 'notice' | 'debug' | null;
  /** BuildKit vertex number (`#12`) when the line is BuildKit plain-progress output. */
  vertex: number | null;
  /** The runner printed this line in the step's script colour (cyan): a line of the script, not output. */
  scriptEcho: boolean;
}

// Built once; these are simple, linear patterns over short prefixes. Matching control characters is their job.
/* eslint-disable no-control-regex */
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g;
const HAS_CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;
/** The runner echoes a `run:` script in bold cyan: `\x1b[36;1mgo build ./...\x1b[0m`. */
const SCRIPT_ECHO = /^(?:[^\t\n]{1,200}\t[^\t\n]{0,300}\t)?(?:\uFEFF?\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?Z ?)?\x1b\[36;1m/;
const ACTIONS_TIMESTAMP = /^\uFEFF?\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?Z ?/;
/** `gh run view --log(-failed)`: the job and step names, each ended by a tab, before the raw Actions line. */
const GH_PREFIX = /^[^\t\n]{1,200}\t[^\t\n]{0,300}\t(?=\uFEFF?\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)/;
/** GitLab's job log timestamps: the time, then the stream (O/E) and flags, e.g. `2024-03-07T12:34:56.789012Z 00O `. */
const GITLAB_TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z \d\d[OE]\+? ?/;
/** Jenkins Timestamper and Buildkite: `[2024-01-15T10:00:00.123Z] `; Timestamper's clock-time form: `10:00:00  `. */
const BRACKET_TIMESTAMP = /^\[\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d{1,9})?(?:Z|[+-]\d\d:?\d\d)?\] ?|^\d\d:\d\d:\d\d {2}/;
/** Kubernetes' CRI log files (`kubectl logs` reads them bare; node logs and collectors keep them): `2024-01-15T10:00:00.123456789Z stderr F `. */
const CRI_TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:Z|[+-]\d\d:\d\d) (?:stdout|stderr) [FP] /;
/** A log pasted into an issue as a Markdown quote: `> exec /app: exec format error` (nested up to three deep). */
const MARKDOWN_QUOTE = /^(?:> ?){1,3}/;
/** docker compose's service prefix: `web-1  | ` (v2), `app_1  | ` (v1). */
const COMPOSE_PREFIX = /^[\w.-]{1,60}[-_]\d{1,3} {1,20}\| /;
const ACTIONS_MARKER = /^##\[(group|endgroup|error|warning|command|notice|debug)\]/;
const GITLAB_SECTION = /^section_(?:start|end):\d+:[\w.-]+(?:\[[^\]]{0,200}\])?/;
const BUILDKIT_PREFIX = /^#(\d{1,6}) (?:\d{1,6}\.\d{1,4} )?/;
/* eslint-enable no-control-regex */

const BRACKET = 0x5b;
const HASH = 0x23;
const QUOTE = 0x3e;

/** GitLab's timestamp has six decimals: its `Z` is the 27th character (an Actions one, with seven, is not tried). */
function gitlabTimestamp(text: string): RegExpExecArray | null {
  return text.charCodeAt(26) === 0x5a ? GITLAB_TIMESTAMP.exec(text) : null;
}

/** A CRI prefix's first space (its timestamp has none) is followed by the stream name. */
function criTimestamp(text: string): RegExpExecArray | null {
  const space = text.indexOf(' ', 19);
  return space !== -1 && text.startsWith('std', space + 1) ? CRI_TIMESTAMP.exec(text) : null;
}

/** The text without a Markdown quote (`> `, nested up to three deep) at its start. */
function withoutQuote(text: string): string {
  if (text.charCodeAt(0) !== QUOTE) return text;
  const q = MARKDOWN_QUOTE.exec(text);
  return q ? text.slice(q[0].length) : text;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/**
 * `clean`: the caller has seen that the line holds no control character but tabs (no CR, no escape), as
 * the scanner does while decoding it; the checks for them are skipped.
 */
export function normalizeLine(raw: string, clean = false): NormalizedLine {
  let text = raw;
  let scriptEcho = false;
  if (!clean) {
    if (text.endsWith('\r')) text = text.slice(0, -1);
    // A carriage return in the middle overwrites what came before it on a terminal.
    const cr = text.lastIndexOf('\r');
    if (cr !== -1) {
      const tail = text.slice(cr + 1);
      text = tail.trim() === '' ? text.slice(0, cr) : tail;
    }
    if (text.includes('\x1b')) {
      scriptEcho = SCRIPT_ECHO.test(text);
      text = text.replace(ANSI, '');
    }
    if (HAS_CONTROL.test(text)) text = text.replace(CONTROL, '');
  }

  if (text.includes('\t')) {
    const gh = GH_PREFIX.exec(text);
    if (gh) text = text.slice(gh[0].length);
  }
  // Each prefix pattern is anchored and opens with a known character: look at it before running the pattern
  // (most lines have one timestamp and nothing else).
  const c0 = text.charCodeAt(0);
  if (isDigit(c0) || c0 === 0xfeff || c0 === BRACKET) {
    const ts = (isDigit(c0) ? (gitlabTimestamp(text) ?? criTimestamp(text) ?? ACTIONS_TIMESTAMP.exec(text)) : c0 === 0xfeff ? ACTIONS_TIMESTAMP.exec(text) : null) ?? BRACKET_TIMESTAMP.exec(text);
    if (ts) text = text.slice(ts[0].length);
  }
  // How a log is pasted or collected: a Markdown quote, docker compose's service column.
  // Either order: a quoted paste of compose output (`> web-1  | ...`) or compose output of a quoted line.
  text = withoutQuote(text);
  if (text.includes(' | ')) {
    const cp = COMPOSE_PREFIX.exec(text);
    if (cp) text = withoutQuote(text.slice(cp[0].length));
  }

  let marker: NormalizedLine['marker'] = null;
  if (text.startsWith('##[')) {
    const m = ACTIONS_MARKER.exec(text);
    if (m) {
      marker = m[1] as NonNullable<NormalizedLine['marker']>;
      text = text.slice(m[0].length);
    }
  }
  if (text.startsWith('section_')) {
    const gl = GITLAB_SECTION.exec(text);
    if (gl) text = text.slice(gl[0].length);
  }

  let vertex: number | null = null;
  if (text.charCodeAt(0) === HASH) {
    const bk = BUILDKIT_PREFIX.exec(text);
    if (bk) {
      vertex = Number(bk[1]);
      text = text.slice(bk[0].length);
    }
  }
  return { text, marker, vertex, scriptEcho };
}
