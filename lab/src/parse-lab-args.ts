import type { LabOptions } from './lab-options.js';

const USAGE = 'usage: tsx lab/run-lab.ts [--fixtures] [--only NAME[,NAME...]]... [--json] [--reference] [--cli PATH]';

/** Parses argv; an unknown option fails loudly with the usage line. */
export function parseLabArgs(argv: readonly string[]): LabOptions {
  const opts: LabOptions = { fixtures: false, only: [], json: false, reference: false, cli: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--fixtures') opts.fixtures = true;
    else if (arg === '--json') opts.json = true;
    else if (arg === '--reference') opts.reference = true;
    else if (arg === '--cli') {
      const value = argv[++i];
      if (!value) throw new Error(`--cli needs a path\n${USAGE}`);
      opts.cli = value;
    }
    else if (arg === '--only' || arg.startsWith('--only=')) {
      const value = arg === '--only' ? argv[++i] : arg.slice('--only='.length);
      if (!value) throw new Error(`--only needs a scenario name\n${USAGE}`);
      opts.only.push(...value.split(',').filter((v) => v !== ''));
    } else if (arg === '--help' || arg === '-h') throw new Error(USAGE);
    else throw new Error(`unknown option ${arg}\n${USAGE}`);
  }
  return opts;
}
