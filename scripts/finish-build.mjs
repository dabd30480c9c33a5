// Marks the CLI entry executable after tsc has emitted it, so `npx goarch` and the bin link work.
import { chmodSync, existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (existsSync(cli)) chmodSync(cli, 0o755);
