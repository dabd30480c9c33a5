import { parseArgs as parseNodeArgs } from 'node:util';
import { CliError } from './cli-error.js';

export type Format = 'text' | 'markdown' | 'json' | 'slack';

/** Which rules to load: the built-in rules plus `--rules DIR` (repeatable), or only those with `--only-rules`. */
export interface RuleDirs {
  dirs: string[];
  only: boolean;
}

export interface DiagnoseArgs {
  command: 'diagnose';
  format: Format;
  failOnIncident: boolean;
  maxBytes: number | null;
  rules: RuleDirs;
  /** false with --no-color; null: decided from FORCE_COLOR, NO_COLOR and the terminal. */
  color: false | null;
  input: string;
}

export interface FixArgs {
  command: 'fix';
  workflow: string;
  log: string;
  output: string | null;
  rules: RuleDirs;
}

export interface RulesArgs {
  command: 'rules';
  json: boolean;
  rules: RuleDirs;
}

export interface ExplainArgs {
  command: 'explain';
  topic: string;
  json: boolean;
  rules: RuleDirs;
}

export type Command = 'diagnose' | 'fix' | 'rules' | 'explain';
export const COMMANDS: readonly Command[] = ['diagnose', 'fix', 'rules', 'explain'];

export type CliArgs = DiagnoseArgs | FixArgs | RulesArgs | ExplainArgs | { command: 'help'; topic: Command | null } | { command: 'version' };

const FORMATS: readonly Format[] = ['text', 'markdown', 'json', 'slack'];

type Spec = Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }>;

const HELP = { help: { type: 'boolean', short: 'h' } } as const;
const RULES = { rules: { type: 'string', multiple: true }, 'only-rules': { type: 'boolean' } } as const;

/** The options of each command, as node:util parseArgs reads them. */
export const OPTIONS = {
  diagnose: { ...HELP, ...RULES, format: { type: 'string' }, json: { type: 'boolean' }, 'fail-on-incident': { type: 'boolean' }, 'max-bytes': { type: 'string' }, 'no-color': { type: 'boolean' } },
  fix: { ...HELP, ...RULES, workflow: { type: 'string' }, log: { type: 'string' }, output: { type: 'string' } },
  rules: { ...HELP, ...RULES, json: { type: 'boolean' } },
  explain: { ...HELP, ...RULES, json: { type: 'boolean' } },
} as const satisfies Record<Command, Spec>;

type Values = Record<string, string | boolean | string[] | undefined>;

/** Turns argv (without node and the script) into options; every mistake is a CliError naming the flag. */
export function parseArgs(argv: readonly string[]): CliArgs {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h') return { command: 'help', topic: null };
  if (command === 'help') {
    const topic = rest[0];
    if (topic === undefined) return { command: 'help', topic: null };
    if (!isCommand(topic)) throw new CliError('BAD_FLAG', `unknown command "${topic}" for help (expected ${COMMANDS.join(', ')})`);
    return { command: 'help', topic };
  }
  if (command === '--version' || command === '-V' || command === 'version') return { command: 'version' };
  if (!isCommand(command)) throw new CliError('BAD_FLAG', `unknown command "${command}" (expected ${COMMANDS.join(', ')}; see goarch --help)`);
  const { values, positionals } = read(command, rest);
  if (values.help === true) return { command: 'help', topic: command };
  const rules = ruleDirs(values);
  switch (command) {
    case 'diagnose':
      return diagnose(values, positionals, rules);
    case 'fix':
      return fix(values, positionals, rules);
    case 'rules':
      if (positionals.length > 0) throw new CliError('BAD_FLAG', `rules takes no argument (got "${positionals[0]}")`);
      return { command: 'rules', json: values.json === true, rules };
    case 'explain': {
      if (positionals.length !== 1) throw new CliError('BAD_FLAG', positionals.length === 0 ? 'explain needs a failure class or a rule id (see goarch rules)' : `explain takes one class or rule id (got ${positionals.length}: ${positionals.join(', ')})`);
      return { command: 'explain', topic: positionals[0] ?? '', json: values.json === true, rules };
    }
  }
}

function isCommand(name: string): name is Command {
  return (COMMANDS as readonly string[]).includes(name);
}

/**
 * node:util parseArgs in non-strict mode with tokens, so that every mistake gets our own one-line
 * message: an unknown flag, a value missing, and `--flag=false` on a boolean (which Node 20's strict
 * mode refuses, and the old parser read as true).
 */
function read(command: Command, args: readonly string[]): { values: Values; positionals: string[] } {
  const options: Spec = OPTIONS[command];
  const { tokens } = parseNodeArgs({ args: [...args], options, strict: false, allowPositionals: true, tokens: true });
  const values: Values = {};
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') {
      positionals.push(token.value);
      continue;
    }
    if (token.kind === 'option-terminator') continue;
    const spec = options[token.name];
    if (spec === undefined) throw new CliError('BAD_FLAG', `unknown flag "${token.rawName}" for ${command} (see goarch ${command} --help)`);
    const flag = token.rawName.startsWith('--') ? token.rawName : `--${token.name}`;
    if (spec.type === 'boolean') {
      values[token.name] = token.inlineValue === true ? booleanValue(flag, token.value ?? '') : true;
      continue;
    }
    const value = token.value;
    if (value === undefined || (token.inlineValue !== true && value.startsWith('-') && value !== '-') || value === '') throw new CliError('BAD_FLAG', `${flag} needs a value`);
    if (spec.multiple) values[token.name] = [...((values[token.name] as string[] | undefined) ?? []), value];
    else values[token.name] = value;
  }
  return { values, positionals };
}

function booleanValue(flag: string, text: string): boolean {
  const v = text.toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(v)) return true;
  if (['false', '0', 'no', 'off'].includes(v)) return false;
  throw new CliError('BAD_FLAG', `${flag} takes true or false (got "${text}")`);
}

function ruleDirs(values: Values): RuleDirs {
  const dirs = (values.rules as string[] | undefined) ?? [];
  const only = values['only-rules'] === true;
  if (only && dirs.length === 0) throw new CliError('BAD_FLAG', '--only-rules needs --rules DIR');
  return { dirs, only };
}

function diagnose(values: Values, positionals: string[], rules: RuleDirs): DiagnoseArgs {
  let format: Format = 'text';
  if (typeof values.format === 'string') {
    const f = values.format;
    if (!FORMATS.includes(f as Format)) throw new CliError('BAD_FLAG', `--format must be one of ${FORMATS.join(', ')} (got "${f}")`);
    format = f as Format;
  }
  if (values.json === true) {
    if (typeof values.format === 'string' && values.format !== 'json') throw new CliError('BAD_FLAG', `--json contradicts --format ${values.format}`);
    format = 'json';
  }
  let maxBytes: number | null = null;
  if (typeof values['max-bytes'] === 'string') {
    maxBytes = parseSize(values['max-bytes']);
    if (maxBytes === null) throw new CliError('BAD_FLAG', `--max-bytes must be a size like 100MB or 5000000 (got "${values['max-bytes']}")`);
  }
  if (positionals.length === 0) throw new CliError('BAD_FLAG', 'diagnose needs a log file, or - for standard input');
  if (positionals.length > 1) throw new CliError('BAD_FLAG', `diagnose takes one log file (got ${positionals.length}: ${positionals.join(', ')})`);
  return { command: 'diagnose', format, failOnIncident: values['fail-on-incident'] === true, maxBytes, rules, color: values['no-color'] === true ? false : null, input: positionals[0] ?? '-' };
}

function fix(values: Values, positionals: string[], rules: RuleDirs): FixArgs {
  if (positionals.length > 0) throw new CliError('BAD_FLAG', `unknown argument "${positionals[0]}" for fix (the log is given with --log FILE)`);
  const workflow = values.workflow as string | undefined;
  const log = values.log as string | undefined;
  if (!workflow) throw new CliError('BAD_FLAG', 'fix needs --workflow FILE');
  if (!log) throw new CliError('BAD_FLAG', 'fix needs --log FILE');
  return { command: 'fix', workflow, log, output: (values.output as string | undefined) ?? null, rules };
}

function parseSize(v: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*(b|kb|k|mb|m|gb|g)?$/i.exec(v.trim());
  if (!m) return null;
  const unit = (m[2] ?? 'b').toLowerCase();
  const mult = unit.startsWith('k') ? 1024 : unit.startsWith('m') ? 1024 ** 2 : unit.startsWith('g') ? 1024 ** 3 : 1;
  const n = Math.floor(Number(m[1]) * mult);
  return n > 0 ? n : null;
}
