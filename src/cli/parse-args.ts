import { CliError } from './cli-error.js';

export type Format = 'text' | 'markdown' | 'json' | 'slack';

export interface DiagnoseArgs {
  command: 'diagnose';
  format: Format;
  failOnIncident: boolean;
  maxBytes: number | null;
  rulesDir: string | null;
  input: string;
}

export interface FixArgs {
  command: 'fix';
  workflow: string;
  log: string;
  output: string | null;
  rulesDir: string | null;
}

export type CliArgs = DiagnoseArgs | FixArgs | { command: 'help' } | { command: 'version' };

const FORMATS: readonly Format[] = ['text', 'markdown', 'json', 'slack'];

/** Turns argv (without node and the script) into options; every mistake is a CliError naming the flag. */
export function parseArgs(argv: readonly string[]): CliArgs {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') return { command: 'help' };
  if (command === '--version' || command === '-V' || command === 'version') return { command: 'version' };
  if (command === 'diagnose') return parseDiagnose(rest);
  if (command === 'fix') return parseFix(rest);
  throw new CliError('BAD_FLAG', `unknown command "${command}" (expected diagnose or fix; see goarch --help)`);
}

function takeValue(args: readonly string[], i: number, flag: string): string {
  const v = args[i + 1];
  if (v === undefined || (v.startsWith('--') && v !== '-')) throw new CliError('BAD_FLAG', `${flag} needs a value`);
  return v;
}

function split(arg: string): [string, string | null] {
  const eq = arg.indexOf('=');
  return arg.startsWith('--') && eq !== -1 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, null];
}

function parseDiagnose(args: readonly string[]): DiagnoseArgs {
  let format: Format = 'text';
  let failOnIncident = false;
  let maxBytes: number | null = null;
  let rulesDir: string | null = null;
  const inputs: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = split(args[i] ?? '');
    const value = (): string => {
      if (inline !== null) return inline;
      const v = takeValue(args, i, flag);
      i++;
      return v;
    };
    switch (flag) {
      case '--json':
        format = 'json';
        break;
      case '--format': {
        const f = value();
        if (!FORMATS.includes(f as Format)) throw new CliError('BAD_FLAG', `--format must be one of ${FORMATS.join(', ')} (got "${f}")`);
        format = f as Format;
        break;
      }
      case '--fail-on-incident':
        failOnIncident = true;
        break;
      case '--max-bytes': {
        const v = value();
        const n = parseSize(v);
        if (n === null) throw new CliError('BAD_FLAG', `--max-bytes must be a size like 100MB or 5000000 (got "${v}")`);
        maxBytes = n;
        break;
      }
      case '--rules':
        rulesDir = value();
        break;
      default:
        if (flag.startsWith('-') && flag !== '-') throw new CliError('BAD_FLAG', `unknown flag "${flag}" for diagnose`);
        inputs.push(flag);
    }
  }
  if (inputs.length === 0) throw new CliError('BAD_FLAG', 'diagnose needs a log file, or - for standard input');
  if (inputs.length > 1) throw new CliError('BAD_FLAG', `diagnose takes one log file (got ${inputs.length}: ${inputs.join(', ')})`);
  return { command: 'diagnose', format, failOnIncident, maxBytes, rulesDir, input: inputs[0] ?? '-' };
}

function parseFix(args: readonly string[]): FixArgs {
  let workflow: string | null = null;
  let log: string | null = null;
  let output: string | null = null;
  let rulesDir: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = split(args[i] ?? '');
    const value = (): string => {
      if (inline !== null) return inline;
      const v = takeValue(args, i, flag);
      i++;
      return v;
    };
    if (flag === '--workflow') workflow = value();
    else if (flag === '--log') log = value();
    else if (flag === '--output') output = value();
    else if (flag === '--rules') rulesDir = value();
    else throw new CliError('BAD_FLAG', `unknown argument "${flag}" for fix`);
  }
  if (!workflow) throw new CliError('BAD_FLAG', 'fix needs --workflow FILE');
  if (!log) throw new CliError('BAD_FLAG', 'fix needs --log FILE');
  return { command: 'fix', workflow, log, output, rulesDir };
}

function parseSize(v: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*(b|kb|k|mb|m|gb|g)?$/i.exec(v.trim());
  if (!m) return null;
  const unit = (m[2] ?? 'b').toLowerCase();
  const mult = unit.startsWith('k') ? 1024 : unit.startsWith('m') ? 1024 ** 2 : unit.startsWith('g') ? 1024 ** 3 : 1;
  const n = Math.floor(Number(m[1]) * mult);
  return n > 0 ? n : null;
}
