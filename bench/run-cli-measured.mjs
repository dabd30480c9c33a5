// Runs the built CLI in this process and reports its peak RSS, so the benchmark measures exactly `goarch diagnose`.
import { resourceUsage } from 'node:process';
import { runCli } from '../dist/cli/run-cli.js';

const { Writable } = await import('node:stream');
const sink = new Writable({ write(_c, _e, cb) { cb(); } });
const code = await runCli(process.argv.slice(2), { stdout: sink, stderr: process.stderr, version: 'bench' });
process.stderr.write(`${JSON.stringify({ code, maxRssKb: resourceUsage().maxRSS })}\n`);
