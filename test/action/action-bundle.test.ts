// action.yml runs the committed bundle: it must be what the sources build today.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

describe('dist-action/index.js', () => {
  it('is up to date with the sources (rebuilt in a temporary folder, byte for byte)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'goarch-action-bundle-'));
    try {
      const fresh = join(dir, 'index.js');
      execFileSync(process.execPath, ['scripts/build-action.mjs', '--out', fresh], { stdio: 'pipe' });
      const same = readFileSync(fresh).equals(readFileSync('dist-action/index.js'));
      expect(same, 'dist-action/index.js is stale: run `npm run build:action` and commit it').toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is what action.yml runs, on node20, and stays small', () => {
    const action = parse(readFileSync('action.yml', 'utf8')) as { runs: { using: string; main: string }; inputs: Record<string, unknown>; outputs: Record<string, unknown> };
    expect(action.runs).toEqual({ using: 'node20', main: 'dist-action/index.js' });
    expect(Object.keys(action.outputs).sort()).toEqual(['class', 'fingerprint', 'fix-command', 'verdict']);
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['log-file', 'token', 'fix-token', 'fail-on-incident', 'state-key']));
    expect(statSync('dist-action/index.js').size).toBeLessThan(1.5 * 1024 * 1024);
  });
});

describe('the Action at a tag of this repository', () => {
  it('runs with only what the checkout holds (package.json, rules/, dist-action/): no node_modules', () => {
    const dir = mkdtempSync(join(tmpdir(), 'goarch-action-checkout-'));
    try {
      for (const path of ['package.json', 'rules', 'dist-action']) cpSync(path, join(dir, path), { recursive: true });
      const output = join(dir, 'output.txt');
      writeFileSync(output, '');
      const stdout = execFileSync(process.execPath, [join(dir, 'dist-action', 'index.js')], {
        cwd: dir,
        env: { PATH: process.env.PATH ?? '', 'INPUT_LOG-FILE': resolve('fixtures/logs/lab/cgo-cross-amd64-zlib.log'), GITHUB_OUTPUT: output },
        encoding: 'utf8',
      });
      expect(stdout).toContain('goarch: architecture: 1 architecture problem (cgo-cross-linker)');
      expect(readFileSync(output, 'utf8')).toMatch(/^class<<ghadelimiter_\S+\ncgo-cross-linker\n/m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
