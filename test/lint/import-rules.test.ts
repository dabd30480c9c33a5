import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';
import type { Rule } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterAll, describe, expect, it } from 'vitest';

// The lint rules that keep the layers apart (eslint.config.js): adapters never import each other, and
// no file of src/ loads a module that loads it back.

const repo = new ESLint({ cwd: process.cwd() });

async function lintAs(filePath: string, code: string): Promise<string[]> {
  const [result] = await repo.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? ''}: ${m.message}`);
}

describe('sibling adapters', () => {
  it.each([
    ['src/slack/probe.ts', '../github/octokit-ci-host.js'],
    ['src/github/probe.ts', '../store/memory-incident-store.js'],
    ['src/github/probe.ts', '../queue/job-error.js'],
    ['src/store/probe.ts', '../slack/slack-error.js'],
    ['src/queue/probe.ts', '../github/github-job.js'],
    ['src/action/probe.ts', '../github/octokit-output.js'],
    ['src/action/probe.ts', '../store/memory-incident-store.js'],
    ['src/github/probe.ts', '../action/workflow-commands.js'],
  ])('%s may not import %s', async (file, target) => {
    const messages = await lintAs(file, `import { x } from '${target}';\nexport const y = x;\n`);
    expect(messages.some((m) => m.startsWith('no-restricted-imports: ') && m.includes('is an adapter'))).toBe(true);
  });

  it.each([
    ['src/slack/probe.ts', '../service/run-diagnoser.js'],
    ['src/github/probe.ts', '../service/incident-store.js'],
    ['src/bin/probe.ts', '../github/github-run-diagnoser.js'],
    ['src/action/probe.ts', '../service/handle-failed-run.js'],
    ['src/bin/probe.ts', '../action/run-action.js'],
  ])('%s may import %s', async (file, target) => {
    expect(await lintAs(file, `import type { X } from '${target}';\nexport type Y = X;\n`)).toEqual([]);
  });
});

describe('goarch/no-import-cycle', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'goarch-cycle-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  async function lintTree(name: string, files: Record<string, string>): Promise<Record<string, string[]>> {
    const dir = path.join(root, name);
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, 'src', file)), { recursive: true });
      writeFileSync(path.join(dir, 'src', file), text);
    }
    const rule = ((await import(pathToFileURL(path.resolve('eslint/no-import-cycle.js')).href)) as { noImportCycle: Rule.RuleModule }).noImportCycle;
    const eslint = new ESLint({
      cwd: dir,
      overrideConfigFile: true,
      overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser as never }, plugins: { goarch: { rules: { 'no-import-cycle': rule } } }, rules: { 'goarch/no-import-cycle': 'error' } }],
    });
    const results = await eslint.lintFiles(['src/**/*.ts']);
    return Object.fromEntries(results.map((r) => [path.relative(path.join(dir, 'src'), r.filePath), r.messages.map((m) => m.message)]));
  }

  it('reports every file of a cycle, with the cycle', async () => {
    const found = await lintTree('value', {
      'a/one.ts': "import { two } from '../b/two.js';\nexport const one = () => two;\n",
      'b/two.ts': "import { three } from './three.js';\nexport const two = () => three;\n",
      'b/three.ts': "import { one } from '../a/one.js';\nexport const three = () => one;\n",
      'c/free.ts': "import { one } from '../a/one.js';\nexport const free = one;\n",
    });
    expect(found['a/one.ts']).toEqual(['import cycle: a/one.ts -> b/two.ts -> b/three.ts -> a/one.ts']);
    expect(found['b/two.ts']).toHaveLength(1);
    expect(found['c/free.ts']).toEqual([]);
  });

  it('counts dynamic import() and re-exports, not type-only imports', async () => {
    const found = await lintTree('kinds', {
      'types.ts': "import type { B } from './b.js';\nexport interface A { b: B }\n",
      'b.ts': "import type { A } from './types.js';\nexport interface B { a?: A }\n",
      'lazy.ts': "export const load = () => import('./eager.js');\n",
      'eager.ts': "export { load } from './lazy.js';\n",
    });
    expect(found['types.ts']).toEqual([]);
    expect(found['b.ts']).toEqual([]);
    expect(found['lazy.ts']).toEqual(['import cycle: lazy.ts -> eager.ts -> lazy.ts']);
  });
});
