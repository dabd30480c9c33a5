import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { runCli } from '../../src/cli/run-cli.js';
import { FAILURE_CLASSES } from '../../src/core/model/failure-class.js';
import { NEAREST_CAUSES } from '../../src/core/model/nearest-cause.js';
import { parseRepoConfig } from '../../src/service/repo-config.js';
import { captureStream } from '../support/capture-stream.js';
import { checkJsonSchema, type Schema } from '../support/check-json-schema.js';

const ROOT = join(import.meta.dirname, '..', '..');
const schema = (name: string): Schema => JSON.parse(readFileSync(join(ROOT, 'schemas', name), 'utf8')) as Schema;
const CONFIG = schema('goarch-config.schema.json');
const DIAGNOSIS = schema('diagnosis.schema.json');
const defs = (s: Schema) => s.$defs as Record<string, { enum: string[] }>;

describe('schemas/goarch-config.schema.json', () => {
  it('lists the failure classes the parser knows', () => {
    expect(defs(CONFIG).failureClass?.enum).toEqual([...FAILURE_CLASSES]);
  });

  // Each file is parsed as goarch reads it (YAML), then given to both the parser and the schema.
  const FILES: string[] = [
    '',
    'enabled: false',
    'classes: [exec-format-error, cgo-cross-linker]\noutput: both',
    'classes: null',
    'output: check\nignoreWorkflows:\n  - Docs\n  - .github/workflows/release.yml',
    'maxLogBytes: 100MB',
    'maxLogBytes: 50mb',
    'maxLogBytes: 1048576',
    'maxLogBytes: null',
    'autofix: true',
    'autofix: dry-run',
    '_extends: .github\nenabled: true',
    // the README's example, key for key
    'enabled: true\nclasses:\n  - exec-format-error\n  - cgo-cross-linker\noutput: comment\nignoreWorkflows:\n  - Docs\n  - .github/workflows/release.yml\nmaxLogBytes: 100MB\nautofix: false',
    // refused
    'autofix: yes-please',
    'output: pr-comment',
    'classes: [arm-trouble]',
    'classes: []',
    'maxLogBytes: 10',
    'maxLogBytes: 2TB',
    'maxLogBytes: 4294967296',
    'maxLogBytes: 1.5',
    'enabled: "yes"',
    'ignoreWorkflow: [CI]',
    'ignoreWorkflows: [""]',
    '- output',
    'just a string',
  ];

  it.each(FILES)('agrees with the parser on %j', (text) => {
    const value: unknown = parseYaml(text);
    const parser = parseRepoConfig(structuredClone(value)).ok;
    expect(checkJsonSchema(CONFIG, value).length === 0, JSON.stringify(checkJsonSchema(CONFIG, value))).toBe(parser);
  });

  it('accepts a size string the parser refuses for its range only (the schema says so in its description)', () => {
    expect(parseRepoConfig({ maxLogBytes: '2GB' }).ok).toBe(false);
    expect(checkJsonSchema(CONFIG, { maxLogBytes: '2GB' })).toEqual([]);
    expect(CONFIG.description).toContain('between 1KB and 1GB');
  });
});

describe('schemas/diagnosis.schema.json', () => {
  it('lists the classes and causes of the core', () => {
    expect(defs(DIAGNOSIS).failureClass?.enum).toEqual([...FAILURE_CLASSES]);
    expect(defs(DIAGNOSIS).nearestCause?.enum).toEqual([...NEAREST_CAUSES]);
  });

  // Real outputs: goarch diagnose --json on every log of the public, wild, look-alike and lab folders.
  const logs: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (e.name.endsWith('.log')) logs.push(join(dir, e.name));
    }
  };
  for (const split of ['lab', 'public', 'wild', 'lookalikes']) walk(join(ROOT, 'fixtures/logs', split));

  it('refuses outputs that break it (the checker is not a no-op)', async () => {
    expect(logs.length).toBeGreaterThan(300);
    const stdout = captureStream();
    await runCli(['diagnose', '--json', join(ROOT, 'fixtures/logs/lab/cgo-cross-amd64-zlib.log')], { stdout, stderr: captureStream(), version: 'test' });
    const good = JSON.parse(stdout.text()) as { incidents: Array<Record<string, unknown>> } & Record<string, unknown>;
    const broken = (edit: (j: typeof good) => void): string[] => {
      const j = structuredClone(good);
      edit(j);
      return checkJsonSchema(DIAGNOSIS, j);
    };
    expect(broken(() => undefined)).toEqual([]);
    expect(broken((j) => delete j.incidents[0]?.fingerprint)).toEqual(['$.incidents[0]: missing fingerprint']);
    expect(broken((j) => (j.schemaVersion = 2))).toEqual(['$.schemaVersion: must be 1']);
    expect(broken((j) => (j.verdict = 'maybe'))).toHaveLength(1);
    expect(broken((j) => (j.extra = 1))).toEqual(['$: unknown property extra']);
    expect(broken((j) => (j.incidents[0]!.class = 'arm-trouble'))).toHaveLength(1);
  });

  it.each(logs.map((l) => [l.slice(ROOT.length + 1), l]))('validates the output for %s', async (_name, log) => {
    const stdout = captureStream();
    const code = await runCli(['diagnose', '--json', log], { stdout, stderr: captureStream(), version: 'test' });
    expect(code).toBe(0);
    const json = JSON.parse(stdout.text()) as { schemaVersion: number };
    expect(json.schemaVersion).toBe(1);
    expect(checkJsonSchema(DIAGNOSIS, json)).toEqual([]);
  });
});
