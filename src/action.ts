// Entry of the GitHub Action (bundled into dist-action/index.js, which action.yml runs): no logic here.
import { readFileSync } from 'node:fs';
import { startAction } from './bin/start-action.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

process.exitCode = await startAction(process.env, { stdout: process.stdout, version: pkg.version });
