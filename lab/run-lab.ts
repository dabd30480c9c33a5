// Entry point of the reproduction lab (`npm run lab`, `npm run fixtures`): argv in, exit code out.
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { parseLabArgs } from './src/parse-lab-args.js';
import { executeLab } from './src/execute-lab.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
try {
  const outcome = await executeLab(root, parseLabArgs(process.argv.slice(2)), process.env);
  process.exitCode = outcome.failed > 0 ? 1 : 0;
} catch (err) {
  process.stderr.write(`lab: ${(err as Error).message}\n`);
  process.exitCode = 2;
}
