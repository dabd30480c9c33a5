import type { CliIo } from './run-cli.js';
import type { FixArgs } from './parse-args.js';
import { CliError } from './cli-error.js';

/** `goarch fix`: dry run of the workflow patcher (wired once the patcher lands). */
export async function runFix(_args: FixArgs, _io: CliIo): Promise<number> {
  throw new CliError('BAD_FLAG', 'fix is not available in this build');
}
