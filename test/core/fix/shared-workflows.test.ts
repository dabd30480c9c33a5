import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { diffLines, splitLines } from '../../../src/core/fix/diff-lines.js';
import { patchWorkflow } from '../../../src/core/fix/patch-workflow.js';
import type { FailureClass, Incident } from '../../../src/core/model/index.js';
import { buildIncident, platform } from '../../support/incident-builder.js';
import { loadWorkflowValidator } from './load-workflow-validator.js';

// The real public workflows (copied byte for byte, one premise edit each) live beside the repository.
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const sharedDir = join(repoRoot, '../shared/workflows');
const casesFile = join(sharedDir, 'cases.json');

interface SharedCase {
  file: string;
  source: string;
  scenario: 'add-qemu' | 'cgo-cross-cc' | 'cgo-enable' | 'goarch-spelling' | 'native-runner';
  premise: string;
  log: string;
  must_contain: string[];
  must_not_contain: string[];
  max_changed_lines: number;
  comments_may_drop: number;
}

const SCENARIO_CLASS: Record<SharedCase['scenario'], FailureClass> = {
  'add-qemu': 'qemu-binfmt-missing',
  'cgo-cross-cc': 'cgo-cross-linker',
  'cgo-enable': 'cgo-disabled',
  'goarch-spelling': 'unsupported-platform',
  'native-runner': 'exec-format-error',
};

/**
 * The incident the engine would report for a case, built by hand from the case's scenario and the
 * facts its log shows (the engine is developed in parallel): the `##[group]Run …` title as the step,
 * the BuildKit platform, the missing C compiler, the unsupported pair, GOARCH from env or the command.
 */
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

function incidentFor(c: SharedCase): Incident {
  const log = c.log.replace(ANSI, '');
  const step = /##\[group\](.*)/.exec(log)?.[1] ?? null;
  const facts: Record<string, string> = {};
  const buildkitPlatform = /\[(linux\/[a-z0-9]+(?:\/v\d)?) [^\]]*\][^\n]*\n[^\n]*exec format error/.exec(log)?.[1] ?? /\[(linux\/[a-z0-9]+(?:\/v\d)?) /.exec(log)?.[1];
  if (buildkitPlatform) facts['platform'] = buildkitPlatform;
  const cc = /C compiler "([^"]+)" not found/.exec(log)?.[1];
  if (cc) facts['cc'] = cc;
  const pair = /unsupported GOOS\/GOARCH pair (\w+)\/(\w+)/.exec(log);
  const goarch = pair?.[2] ?? /^\s+GOARCH: (\S+)/m.exec(log)?.[1] ?? /\bGOARCH=(\w+)/.exec(log)?.[1];
  const goos = pair?.[1] ?? /^\s+GOOS: (\S+)/m.exec(log)?.[1] ?? /\bGOOS=(\w+)/.exec(log)?.[1] ?? 'linux';
  if (goarch) {
    facts['goarch'] = goarch;
    facts['goos'] = goos;
  }
  const cls = SCENARIO_CLASS[c.scenario];
  const target = buildkitPlatform ? platform(buildkitPlatform) : goarch ? { goos, goarch } : null;
  return buildIncident({
    class: cls,
    step,
    facts,
    target,
    host: cls === 'exec-format-error' || cls === 'cgo-cross-linker' ? platform('linux/amd64') : null,
    evidence: [{ line: 1, text: /##\[error\].*/.exec(log)?.[0] ?? '' }],
  });
}

function commentLines(text: string): string[] {
  return splitLines(text).filter((l) => l.trim().startsWith('#')).map((l) => l.trim());
}

const present = existsSync(casesFile);
if (!present) {
  console.warn(`\n!!! SKIPPING shared-workflows suite: ${casesFile} not found. The real public workflows are expected in ../shared/workflows relative to the repository root.\n`);
}
const cases: SharedCase[] = present ? (JSON.parse(readFileSync(casesFile, 'utf8')) as SharedCase[]) : [];

(present ? describe : describe.skip)('patchWorkflow over the real workflows in ../shared/workflows', () => {
  it.each(cases.map((c) => [c.file, c] as const))('%s', async (_name, c) => {
    const before = readFileSync(join(sharedDir, c.file), 'utf8');
    const result = patchWorkflow(before, incidentFor(c));
    if (result.status !== 'patched') throw new Error(`no patch for ${c.file}: ${result.reason}`);
    const after = result.text;

    for (const needle of c.must_contain) expect(after).toContain(needle);
    for (const needle of c.must_not_contain) expect(after).not.toContain(needle);

    const changed = diffLines(splitLines(before), splitLines(after)).filter((l) => l.kind !== 'equal').length;
    expect(changed).toBe(result.changedLines);
    expect(changed).toBeLessThanOrEqual(c.max_changed_lines);

    const kept = commentLines(after);
    const dropped = commentLines(before).filter((line) => {
      const at = kept.indexOf(line);
      if (at < 0) return true;
      kept.splice(at, 1);
      return false;
    });
    expect(dropped.length).toBeLessThanOrEqual(c.comments_may_drop);

    const validateWorkflow = await loadWorkflowValidator();
    const validation = await validateWorkflow(after, c.file);
    expect(validation.errors).toEqual([]);
    expect(result.explanation.length).toBeGreaterThan(0);
  });
});
