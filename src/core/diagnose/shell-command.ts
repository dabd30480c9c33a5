/**
 * Small, careful edits of one shell command line: find the go invocation in a compound command and
 * set its environment, so a fix keeps the user's packages, flags and output path exactly.
 */

const ENV_KEYS = new Set(['GOOS', 'GOARCH', 'GOARM', 'GOAMD64', 'CGO_ENABLED', 'CC', 'CXX', 'CGO_LDFLAGS', 'CGO_CFLAGS']);
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|'[^']*'|\S*)$/;

/** Splits on `&&`, `||`, `;` and `|` outside quotes, keeping the separators. */
export function splitCompound(cmd: string): { parts: string[]; seps: string[] } {
  const parts: string[] = [];
  const seps: string[] = [];
  let cur = '';
  let quote: string | null = null;
  for (let i = 0; i < cmd.length; i++) {
    const c = cmd[i] ?? '';
    if (quote) {
      cur += c;
      if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      cur += c;
      continue;
    }
    const two = cmd.slice(i, i + 2);
    if (two === '&&' || two === '||') {
      parts.push(cur);
      seps.push(` ${two} `);
      cur = '';
      i++;
      continue;
    }
    if (c === ';' || c === '|') {
      parts.push(cur);
      seps.push(c === ';' ? '; ' : ' | ');
      cur = '';
      continue;
    }
    cur += c;
  }
  parts.push(cur);
  return { parts: parts.map((p) => p.trim()), seps };
}

function tokens(simple: string): string[] {
  return simple.match(/(?:[^\s"']+|"[^"]*"|'[^']*')+/g) ?? [];
}

/** Quotes a value for a POSIX shell when it needs it. */
export function shellQuote(value: string): string {
  if (/^\$\([^()'"`]*\)$/.test(value)) return `"${value}"`; // a command substitution stays one
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Puts a command word (qemu-aarch64-static) after the leading VAR=value assignments of a simple command. */
export function prefixCommand(simple: string, word: string): string {
  const toks = tokens(simple);
  let i = 0;
  while (i < toks.length && ASSIGNMENT.test(toks[i] ?? '')) i++;
  return [...toks.slice(0, i), word, ...toks.slice(i)].join(' ');
}

/**
 * Returns the simple command with its leading GOOS/GOARCH/CGO_ENABLED/CC... assignments replaced by `env`
 * (in a fixed order), dropping `env` keys whose value is null. Other leading assignments are kept.
 */
export function withGoEnv(simple: string, env: Record<string, string | null>): string {
  const toks = tokens(simple);
  const kept: string[] = [];
  let i = 0;
  if (toks[0] === 'env') i = 1;
  for (; i < toks.length; i++) {
    const t = toks[i] ?? '';
    const m = ASSIGNMENT.exec(t);
    if (!m) break;
    if (!ENV_KEYS.has(m[1] ?? '') && !((m[1] ?? '') in env)) kept.push(t);
  }
  const order = ['CGO_ENABLED', 'CC', 'CXX', 'CGO_LDFLAGS', 'CGO_CFLAGS', 'GOOS', 'GOARCH', 'GOARM'];
  const assigns: string[] = [];
  for (const k of order) {
    const v = env[k];
    if (v !== undefined && v !== null) assigns.push(`${k}=${shellQuote(v)}`);
  }
  for (const [k, v] of Object.entries(env)) if (!order.includes(k) && v !== null) assigns.push(`${k}=${shellQuote(v)}`);
  return [...kept, ...assigns, ...toks.slice(i)].join(' ');
}

/** The leading assignments of a simple command (`A=1 B=2 go build` → {A:'1', B:'2'}). */
export function leadingAssignments(simple: string): Record<string, string> {
  const out: Record<string, string> = {};
  const toks = tokens(simple);
  for (let i = toks[0] === 'env' ? 1 : 0; i < toks.length; i++) {
    const m = ASSIGNMENT.exec(toks[i] ?? '');
    if (!m) break;
    out[m[1] ?? ''] = (m[2] ?? '').replace(/^(["'])(.*)\1$/, '$2');
  }
  return out;
}

/** The go invocation (`go build ...`) inside a possibly compound command, or null. */
export function findGoInvocation(cmd: string, verbs = ['build', 'install', 'test', 'run', 'vet', 'generate']): string | null {
  const { parts } = splitCompound(cmd);
  const re = new RegExp(`(?:^|\\s)go (?:${verbs.join('|')})\\b`);
  return parts.find((p) => re.test(p)) ?? null;
}

/** The part of a compound command after the go invocation (`go build -o app . && ./app` → `./app`). */
export function afterGoInvocation(cmd: string): string | null {
  const { parts, seps } = splitCompound(cmd);
  const idx = parts.findIndex((p) => /(?:^|\s)go (?:build|install)\b/.test(p));
  if (idx === -1 || idx === parts.length - 1) return null;
  let rest = parts[idx + 1] ?? '';
  for (let i = idx + 2; i < parts.length; i++) rest += `${seps[i - 1] ?? ' && '}${parts[i] ?? ''}`;
  return rest.trim() || null;
}
