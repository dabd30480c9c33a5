import { isMap, isScalar } from 'yaml';
import type { YAMLMap } from 'yaml';
import type { CrossCompiler } from '../../platform/index.js';
import { crossCompilerFor } from '../../platform/index.js';
import type { FixStrategy, StrategyContext, StrategyOutcome } from '../fix-strategy.js';
import { incidentTarget } from '../incident-target.js';
import type { MatrixKeyUse } from '../matrix-key-for.js';
import { matrixKeyFor } from '../matrix-key-for.js';
import { pairOf } from '../pair-of.js';
import { quoteLike } from '../quote-like.js';
import type { BlockLine } from '../workflow-editor.js';
import { WorkflowEditor } from '../workflow-editor.js';
import type { JobOutline, StepOutline } from '../workflow-outline.js';
import type { WorkflowSource } from '../workflow-source.js';

const APT_INSTALL = /\bapt(?:-get)?\s+(?:-\S+\s+)*install\b/;
const GO_COMMAND = /\b(?:go\s+(?:build|test|install|run|generate|vet)|make|goreleaser)\b/;
const CC_RESET = /^\s*(?:unset\s+CC\b|(?:export\s+)?CC=)/;

/** The env value of `key` seen by the step (step env, then job env, then workflow env), or null. */
function envValue(source: WorkflowSource, maps: ReadonlyArray<YAMLMap | null>, key: string): string | null {
  for (const map of maps) {
    const pair = map ? pairOf(map, key) : null;
    const value = source.deref(pair?.value);
    if (isScalar(value)) return String(value.value);
  }
  return null;
}

/**
 * Appends the package to an `apt-get install` line that already runs earlier in the job, when that
 * command ends the line (nothing after it but more package names). True when done or already there.
 */
function appendToAptLine(editor: WorkflowEditor, job: JobOutline, step: StepOutline, compiler: CrossCompiler): 'appended' | 'present' | null {
  const { source } = editor;
  for (const earlier of job.steps) {
    if (earlier.index >= step.index || earlier.condition !== null || !earlier.runNode?.range || !APT_INSTALL.test(earlier.run ?? '')) continue;
    if ((earlier.run ?? '').includes(compiler.package)) return 'present';
    const node = earlier.runNode;
    const range = node.range;
    if (!range) continue;
    const block = node.type === 'BLOCK_LITERAL';
    if (!block && source.lineAt(range[0]) !== source.lineAt(Math.max(range[0], range[1] - 1))) continue;
    const first = block ? source.lineAt(range[0]) + 1 : source.lineAt(range[0]);
    const last = editor.lastLine(node);
    for (let line = first; line <= last; line += 1) {
      const text = source.lineText(line);
      const at = text.search(APT_INSTALL);
      if (at < 0) continue;
      let end = line;
      while (end < last && source.lineText(end).trimEnd().endsWith('\\')) end += 1;
      // The install command must end the line: nothing after its package list but more packages.
      const rest = [text.slice(at)];
      for (let next = line + 1; next <= end; next += 1) rest.push(source.lineText(next));
      if (/&&|\|\||;|\||#|\$\(|`|>/.test(rest.join(' ').replace(APT_INSTALL, ''))) continue;
      let offset: number;
      if (block) offset = source.lineStart(end) + source.lineText(end).trimEnd().length;
      else offset = node.type === 'PLAIN' ? range[1] : range[1] - 1;
      editor.edits.push({ start: offset, end: offset, text: ` ${compiler.package}` });
      return 'appended';
    }
  }
  return null;
}

/** Adds `<ccKey>: <compiler>` for the failing leg through matrix include entries. */
function addMatrixCc(editor: WorkflowEditor, job: JobOutline, key: MatrixKeyUse, compiler: CrossCompiler, goarch: string, ccKey: string): boolean {
  const { source } = editor;
  const matrix = job.matrix;
  if (!matrix) return false;
  const entries = (matrix.include?.items ?? []).map((item) => source.deref(item)).filter((m): m is YAMLMap => isMap(m));
  const legs = entries.filter((entry) => {
    const value = source.deref(pairOf(entry, key.key)?.value);
    return isScalar(value) && String(value.value) === goarch;
  });
  if (legs.length > 0 && legs.every((leg) => !leg.flow && !pairOf(leg, ccKey))) {
    return legs.every((leg) => editor.appendToMap(leg, [[ccKey, compiler.cc]]));
  }
  const like = key.matching[0];
  const value = like ? quoteLike(like, goarch) : goarch;
  return editor.appendMatrixEntry(matrix, 'include', [[key.key, value], [ccKey, compiler.cc]]);
}

/** The value `wanted` has in the include entries where `key` is `value` (the leg's own setting), or null. */
function legValue(source: WorkflowSource, job: JobOutline, key: string, value: string, wanted: string): string | null {
  for (const item of job.matrix?.include?.items ?? []) {
    const entry = source.deref(item);
    if (!isMap(entry)) continue;
    const own = source.deref(pairOf(entry, key)?.value);
    const setting = source.deref(pairOf(entry, wanted)?.value);
    if (isScalar(own) && String(own.value) === value && isScalar(setting)) return String(setting.value);
  }
  return null;
}

/** In a block script that resets CC itself, sets CC for this leg right before the go/make command. */
function setCcInScript(editor: WorkflowEditor, step: StepOutline, compiler: CrossCompiler, condition: { key: string; goarch: string } | null): boolean {
  const { source } = editor;
  const node = step.runNode;
  if (!node?.range || node.type !== 'BLOCK_LITERAL') return false;
  const first = source.lineAt(node.range[0]) + 1;
  const last = editor.lastLine(node);
  let lastReset = first - 1;
  for (let line = first; line <= last; line += 1) {
    const text = source.lineText(line);
    // `CC="$CC" go build` passes CC to the command; only standalone assignments choose the compiler.
    if (CC_RESET.test(text) && !GO_COMMAND.test(text)) lastReset = line;
  }
  for (let line = lastReset + 1; line <= last; line += 1) {
    const text = source.lineText(line);
    if (!GO_COMMAND.test(text)) continue;
    const indent = ' '.repeat(source.indentOf(line));
    const passesCc = /\$\{?CC\b/.test(text);
    const assign = `${passesCc ? '' : 'export '}CC="${compiler.cc}"`;
    const lines = condition
      ? [`${indent}if [ "\${{ matrix.${condition.key} }}" = "${condition.goarch}" ]; then`, `${indent}  ${assign}`, `${indent}fi`]
      : [`${indent}${assign}`];
    editor.insertLinesBefore(line, lines);
    return true;
  }
  return false;
}

function apply(context: StrategyContext): StrategyOutcome {
  const { source, outline, incident, failing } = context;
  if (!failing) return { kind: 'skip', reason: 'could not find the step that runs the cgo build' };
  const { job, step } = failing;
  if (step.uses?.startsWith('goreleaser/goreleaser-action')) {
    return { kind: 'skip', reason: 'GoReleaser builds every target in one step; set CC per build in .goreleaser.yaml (builds[].env) instead of the workflow' };
  }
  const target = incidentTarget(incident);
  const compiler = crossCompilerFor({ goos: target.goos, goarch: target.goarch, cc: incident.facts['cc'] ?? null });
  if (!compiler) return { kind: 'skip', reason: `Ubuntu has no cross compiler package for ${target.goos ?? 'linux'}/${target.goarch ?? '?'}` };
  const goarch = compiler.goarch;
  const runsOn = source.deref(job.runsOn?.value);
  const label = isScalar(runsOn) ? String(runsOn.value) : '';
  if (!/ubuntu|\$\{\{/.test(label)) return { kind: 'skip', reason: `job '${job.id}' runs on '${label || 'an unknown runner'}', where apt-get cannot install ${compiler.package}` };

  const envMaps = [step.env, job.env, outline.env];
  const ccEnv = envValue(source, envMaps, 'CC');
  const ccInScript = new RegExp(`\\bCC=["']?${compiler.cc.replace(/[.+]/g, '\\$&')}`).test(step.run ?? '');
  // CC: ${{ matrix.cc }} is configured only when the failing leg's matrix entry gives cc a value.
  const ccMatrixKey = /^\$\{\{\s*matrix\.([\w-]+)\s*\}\}$/.exec(ccEnv ?? '')?.[1] ?? null;
  const ccFromOtherExpression = ccEnv !== null && ccMatrixKey === null && ccEnv.includes('${{');
  const key = job.matrix ? matrixKeyFor(source, job.matrix, goarch) : null;
  const legCc = ccMatrixKey !== null && key ? legValue(source, job, key.key, goarch, ccMatrixKey) : null;
  const ccConfigured = incident.facts['cc'] === compiler.cc || ccEnv === compiler.cc || legCc === compiler.cc || ccFromOtherExpression || ccInScript;
  if (ccEnv !== null && !ccConfigured && ccMatrixKey === null) {
    return { kind: 'skip', reason: `CC is set to '${ccEnv}' for the failing step; changing a compiler the workflow chose is left to a person` };
  }
  const varies = key !== null && key.values.size > 1;

  const editor = new WorkflowEditor(source);
  const explanation = [`The ${target.goos ?? compiler.goos}/${goarch} build of job '${job.id}' compiles cgo code, but the runner has no ${goarch} C cross compiler, so the host gcc (or a missing ${compiler.cc}) fails.`];

  // 1. Install the cross compiler for this leg.
  const apt = appendToAptLine(editor, job, step, compiler);
  if (apt === 'appended') explanation.push(`Added ${compiler.package} to the existing apt-get install line.`);
  if (apt === null) {
    const lines: BlockLine[] = [{ depth: 0, text: `name: Install cross compiler (${goarch})` }];
    if (varies && key) lines.push({ depth: 0, text: `if: matrix.${key.key} == '${goarch}'` });
    lines.push({ depth: 0, text: 'run: |' }, { depth: 1, text: 'sudo apt-get update' }, { depth: 1, text: `sudo apt-get install -y ${compiler.package}` });
    if (!editor.insertStepBefore(job.steps, step, lines)) return { kind: 'skip', reason: 'could not place an install step before the failing step' };
    explanation.push(`Added a step that installs ${compiler.package}${varies && key ? ` when matrix.${key.key} is '${goarch}'` : ''}, before the build.`);
  }

  // 2. Point CC at it (unless the build already names it) and make sure cgo stays on.
  if (!ccConfigured) {
    const cgoSet = envValue(source, envMaps, 'CGO_ENABLED') !== null || /\bCGO_ENABLED=/.test(step.run ?? '');
    const cgo: Array<readonly [string, string]> = cgoSet ? [] : [['CGO_ENABLED', '1']];
    if ((step.run ?? '').split('\n').some((line) => CC_RESET.test(line))) {
      if (!setCcInScript(editor, step, compiler, varies && key ? { key: key.key, goarch } : null)) {
        return { kind: 'skip', reason: 'the build script sets CC itself and is not a block script goarch can extend' };
      }
      explanation.push(`The build script chooses CC itself, so it now sets CC=${compiler.cc}${varies && key ? ` when matrix.${key.key} is '${goarch}'` : ''}.`);
    } else if (varies && key && ccMatrixKey !== null) {
      if (!addMatrixCc(editor, job, key, compiler, goarch, ccMatrixKey)) return { kind: 'skip', reason: `the ${goarch} leg already sets matrix.${ccMatrixKey} or cannot be extended` };
      explanation.push(`CC comes from matrix.${ccMatrixKey}, which the ${goarch} leg did not set; it is now ${compiler.cc} for that leg.`);
    } else if (ccMatrixKey !== null) {
      return { kind: 'skip', reason: `CC comes from matrix.${ccMatrixKey} but the matrix does not vary by architecture` };
    } else if (varies && key) {
      const mark = editor.edits.length;
      if (addMatrixCc(editor, job, key, compiler, goarch, 'cc')) {
        if (!editor.addStepEnv(step, [['CC', '${{ matrix.cc }}'], ...cgo])) return { kind: 'skip', reason: 'could not add env to the failing step' };
        explanation.push(`The matrix gives the ${goarch} leg cc: ${compiler.cc} (an include entry) and the step passes it as CC${cgo.length ? ' with CGO_ENABLED: 1' : ''}; other legs keep the default compiler.`);
      } else {
        // A flow-style matrix cannot take a new entry line by line: choose CC with an expression instead.
        editor.edits.length = mark;
        const expression = `\${{ matrix.${key.key} == '${goarch}' && '${compiler.cc}' || '' }}`;
        if (!editor.addStepEnv(step, [['CC', expression], ...cgo])) return { kind: 'skip', reason: 'could not add env to the failing step' };
        explanation.push(`The step now sets CC to ${compiler.cc} when matrix.${key.key} is '${goarch}' (empty, so the default compiler, on other legs)${cgo.length ? ' and CGO_ENABLED: 1' : ''}.`);
      }
    } else {
      if (!editor.addStepEnv(step, [['CC', compiler.cc], ...cgo])) return { kind: 'skip', reason: 'could not add env to the failing step' };
      explanation.push(`The step now sets CC: ${compiler.cc}${cgo.length ? ' and CGO_ENABLED: 1' : ''}.`);
    }
  } else {
    explanation.push(`CC already names ${compiler.cc}; only the package was missing.`);
  }
  return { kind: 'edit', edits: editor.edits, explanation };
}

export const installCrossCompiler: FixStrategy = {
  id: 'install-cross-compiler',
  summary: 'Install the C cross compiler for the failing leg and set CC (and CGO_ENABLED: 1), via matrix include entries when a matrix exists.',
  classes: ['cgo-cross-linker'],
  apply,
  examples: {
    fixes: {
      workflow: [
        'on: push',
        'jobs:',
        '  build:',
        '    runs-on: ubuntu-latest',
        '    strategy:',
        '      matrix:',
        '        goarch: [amd64, arm64]',
        '    steps:',
        '      - uses: actions/checkout@v4',
        '      - name: Build',
        '        run: go build ./...',
        '        env:',
        '          CGO_ENABLED: 1',
        '          GOARCH: ${{ matrix.goarch }}',
        '',
      ].join('\n'),
      incident: { class: 'cgo-cross-linker', step: 'Build', target: { goos: 'linux', goarch: 'arm64' } },
      expect: ["if: matrix.goarch == 'arm64'", 'gcc-aarch64-linux-gnu', 'cc: aarch64-linux-gnu-gcc', 'CC: ${{ matrix.cc }}'],
    },
    leaves: {
      workflow: ['on: push', 'jobs:', '  build:', '    runs-on: macos-latest', '    steps:', '      - run: GOARCH=arm64 CGO_ENABLED=1 go build ./...', ''].join('\n'),
      incident: { class: 'cgo-cross-linker', step: 'Run GOARCH=arm64 CGO_ENABLED=1 go build ./...', target: { goos: 'linux', goarch: 'arm64' } },
      expect: [],
    },
  },
};
