// The Action as a step of the failing job (`if: failure()`, input `log-file`), through its real entry point
// (node dist-action/index.js) with the runner's files; and setup mistakes, each one `::error` line.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runActionProcess } from './action-process.js';

const LAB_LOG = resolve('fixtures/logs/lab/cgo-cross-amd64-zlib.log');

/** Markdown without its code fences and code spans (where GitHub renders neither HTML nor mentions). */
function outsideCode(markdown: string): string {
  return markdown.replace(/(`{3,})[^\n]*\n[\s\S]*?\n\1/g, '').replace(/`[^`\n]*`/g, '');
}

describe('the Action in step mode (log-file)', () => {
  it('diagnoses the log file the job wrote: summary, annotations on the evidence lines, outputs, exit 0', async () => {
    const run = await runActionProcess({ inputs: { 'log-file': LAB_LOG } });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.outputs).toEqual({
      verdict: 'architecture',
      class: 'cgo-cross-linker',
      fingerprint: 'fcd2d8f0dfcca22d',
      'fix-command': expect.stringContaining('sudo apt-get install -y gcc-aarch64-linux-gnu zlib1g-dev:arm64') as unknown as string,
    });
    expect(run.summary).toContain('### goarch: 1 architecture problem found');
    expect(run.summary).toContain('cgo-cross-linker');
    const file = LAB_LOG.replace(/:/g, '%3A').replace(/,/g, '%2C');
    expect(run.stdout.split('\n').filter((line) => line.startsWith('::error'))).toEqual([16, 17, 20].map((line) => expect.stringMatching(new RegExp(`^::error file=${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')},line=${line},title=goarch%3A cgo-cross-linker::`)) as unknown as string));
    expect(run.stdout).toMatch(/^goarch: architecture: 1 architecture problem \(cgo-cross-linker\) in 27 lines/m);
  });

  it('reads a log only up to max-log-bytes, and says so in the summary', async () => {
    const run = await runActionProcess({ inputs: { 'log-file': LAB_LOG, 'max-log-bytes': '1024' } });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^goarch: [a-z-]+: .* \(1024 bytes\) of the log file$/m);
    expect(run.summary).toContain('goarch read that much of it');
  });

  it('fails the step with fail-on-incident: true when a problem is found, and only then', async () => {
    expect((await runActionProcess({ inputs: { 'log-file': LAB_LOG, 'fail-on-incident': 'true' } })).code).toBe(1);
    const lookalike = await runActionProcess({ inputs: { 'log-file': resolve('fixtures/logs/lookalikes/permission-denied/gokrazy-packer-go-install-linux-arm64-goroot-pkg.log'), 'fail-on-incident': 'true' } });
    expect(lookalike.code).toBe(0);
    expect(lookalike.outputs).toEqual({ verdict: 'not-architecture', class: '', fingerprint: '', 'fix-command': '' });
    expect(lookalike.summary).toContain('not a CPU-architecture problem');
  });

  // Real logs whose evidence holds what the media would take for syntax: a workflow command, HTML-ish
  // tags, @, brackets and backticks. None of it may become a command, an output, a tag or a mention.
  it.each([
    ['a workflow command (::error::) in the evidence', 'fixtures/logs/public/unsupported-platform/linear-release-action-aarch64.log'],
    ['brackets, # and @ (a shell prompt)', 'fixtures/logs/public/cgo-disabled/gorm-sqlite-stub.log'],
    ['<SNR> tags', 'fixtures/logs/sealed/dlopen-arch-mismatch/vimproc-elfclass32-arch.log'],
    ['@ in a module version', 'fixtures/logs/public/cgo-disabled/webview-darwin-amd64-from-arm64.log'],
    ['backticks and brackets', 'fixtures/logs/public/cgo-cross-linker/go-file-arm-stub-and-cross.log'],
  ])('keeps hostile log text inert: %s', async (_what, log) => {
    const run = await runActionProcess({ inputs: { 'log-file': resolve(log) } });
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n').filter((line) => line !== '');
    // Every line is one of goarch's annotations or its result line: no log line starts a command of its own.
    for (const line of lines) expect(line).toMatch(/^(::error file=[^:,\n]+,line=\d+,title=goarch%3A [a-z-]+::[^\r\n]*|goarch: [a-z-]+: .*)$/);
    for (const line of lines.filter((l) => l.startsWith('::error'))) {
      const data = line.slice(line.indexOf('::', 2) + 2);
      expect(data).not.toMatch(/%(?!25|0A|0D)/);
    }
    expect(Object.keys(run.outputs).sort()).toEqual(['class', 'fingerprint', 'fix-command', 'verdict']);
    expect(run.outputs.verdict).toBe('architecture');
    const prose = outsideCode(run.summary);
    expect(prose.replace(/<\/?(details|summary|sub)>/g, '')).not.toMatch(/<[A-Za-z!/]/);
    expect(prose).not.toMatch(/@[A-Za-z0-9]/);
  });
});

describe('setup mistakes: one ::error line naming what is wrong, exit 2', () => {
  it.each([
    ['a log file that is not there', { inputs: { 'log-file': '/nonexistent/build.log' } }, /^::error title=goarch::goarch: input log-file: \/nonexistent\/build\.log cannot be read \(ENOENT\)$/],
    ['fail-on-incident that is not a boolean', { inputs: { 'log-file': LAB_LOG, 'fail-on-incident': 'yes please' } }, /input fail-on-incident must be true or false, not "yes please"$/],
    ['max-log-bytes under 1 KiB', { inputs: { 'log-file': LAB_LOG, 'max-log-bytes': '1000' } }, /input max-log-bytes must be a whole number of bytes 1024-10737418240$/],
    ['no log file and an event other than workflow_run', { inputs: {} }, /nothing to diagnose: set the log-file input, or run the Action on workflow_run \(this event is "push"\)$/],
    ['an event file that is not a workflow_run event', { event: { action: 'completed', repository: { id: 1, name: 'r', full_name: 'o/r', owner: { login: 'o' } } }, inputs: { token: 't' } }, /is not a workflow_run event: workflow_run /],
    ['an API URL in clear text to another host', { event: {}, apiUrl: 'http://api.example.com', inputs: { token: 't' } }, /GITHUB_API_URL must be an https URL \(http only on loopback\)/],
    ['an empty token on workflow_run', { event: {}, inputs: { token: '' } }, /input token is empty/],
  ])('%s', async (_what, options, message) => {
    const run = await runActionProcess(options);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('');
    const lines = run.stdout.split('\n').filter((line) => line !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(run.outputText).toBe('');
  });
});
