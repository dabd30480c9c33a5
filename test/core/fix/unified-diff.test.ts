import { describe, expect, it } from 'vitest';
import { diffLines, splitLines } from '../../../src/core/fix/diff-lines.js';
import { unifiedDiff } from '../../../src/core/fix/unified-diff.js';

describe('unifiedDiff', () => {
  it('is empty for equal texts', () => {
    expect(unifiedDiff('a\n', 'a\n')).toBe('');
  });

  it('prints one hunk with three lines of context, like diff -u', () => {
    const before = ['1', '2', '3', '4', '5', '6', '7', '8', ''].join('\n');
    const after = ['1', '2', '3', '4', 'X', '6', '7', '8', ''].join('\n');
    expect(unifiedDiff(before, after, { oldName: 'a/ci.yml', newName: 'b/ci.yml' })).toBe(
      ['--- a/ci.yml', '+++ b/ci.yml', '@@ -2,7 +2,7 @@', ' 2', ' 3', ' 4', '-5', '+X', ' 6', ' 7', ' 8', ''].join('\n'),
    );
  });

  it('numbers a pure insertion from the line before it when there is no context', () => {
    expect(unifiedDiff('a\nb\n', 'a\nnew\nb\n', { context: 0 })).toBe(['--- a/workflow.yml', '+++ b/workflow.yml', '@@ -1,0 +2 @@', '+new', ''].join('\n'));
  });

  it('splits distant changes into separate hunks', () => {
    const before = Array.from({ length: 20 }, (_, i) => `l${i}`).join('\n') + '\n';
    const after = before.replace('l2\n', 'L2\n').replace('l17\n', 'L17\n');
    expect(unifiedDiff(before, after).match(/^@@/gm)).toHaveLength(2);
  });

  it('marks a missing final newline', () => {
    expect(unifiedDiff('a\nb\n', 'a\nb')).toBe(['--- a/workflow.yml', '+++ b/workflow.yml', '@@ -1,2 +1,2 @@', ' a', '-b', '+b', '\\ No newline at end of file', ''].join('\n'));
  });

  it('shows an inserted block after an identical closing line, as git does', () => {
    const before = 'if a; then\n  x\nfi\necho\n';
    const after = 'if a; then\n  x\nfi\nif b; then\n  y\nfi\necho\n';
    const added = diffLines(splitLines(before), splitLines(after)).filter((l) => l.kind === 'insert').map((l) => l.text);
    expect(added).toEqual(['if b; then', '  y', 'fi']);
  });
});

describe('diffLines', () => {
  it.each([
    [[], [], 0],
    [['a'], [], 1],
    [[], ['a', 'b'], 2],
    [['a', 'b', 'c'], ['a', 'c'], 1],
    [['a', 'b', 'c', 'd'], ['b', 'a', 'c', 'e'], 4],
  ])('%j → %j changes %i lines', (a, b, changes) => {
    const lines = diffLines(a, b);
    expect(lines.filter((l) => l.kind !== 'equal')).toHaveLength(changes);
    expect(lines.filter((l) => l.kind !== 'insert').map((l) => l.text)).toEqual(a);
    expect(lines.filter((l) => l.kind !== 'delete').map((l) => l.text)).toEqual(b);
  });
});
