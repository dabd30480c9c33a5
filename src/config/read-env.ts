import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'dotenv';
import { ConfigError } from './config-error.js';

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * The process environment merged over the variables of `.env` in `cwd` (the environment wins,
 * as with dotenv). The only reader of `process.env` in goarch (STYLE §8). `process.env` is not modified.
 */
export function readEnv(options: { cwd?: string; environment?: Env } = {}): Env {
  const cwd = options.cwd ?? process.cwd();
  const environment = options.environment ?? process.env;
  let fileEnv: Record<string, string> = {};
  try {
    fileEnv = parse(readFileSync(join(cwd, '.env')));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') throw new ConfigError([`config: .env cannot be read (${code ?? 'unknown error'})`]);
  }
  return { ...fileEnv, ...environment };
}
