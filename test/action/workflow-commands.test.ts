// What the Action writes to the runner's channels, with values that try to break out of them.
import { describe, expect, it } from 'vitest';
import { escapeCommandData, escapeCommandProperty, errorAnnotation } from '../../src/action/workflow-commands.js';
import { formatOutputs } from '../../src/action/output-file.js';
import { capSummary } from '../../src/action/step-summary.js';
import { parseOutputFile } from './action-process.js';

describe('workflow commands', () => {
  it.each([
    ['percent first, so an escape in the text stays text', '100%0A done', '100%250A done'],
    ['CR and LF', 'a\r\n::set-output name=verdict::clean', 'a%0D%0A::set-output name=verdict::clean'],
  ])('data: %s', (_what, text, escaped) => {
    expect(escapeCommandData(text)).toBe(escaped);
  });

  it('properties also escape the : and , that end them', () => {
    expect(escapeCommandProperty('a.go:3,line=1\n')).toBe('a.go%3A3%2Cline=1%0A');
  });

  it('an annotation is one line whatever its message, file and title hold, and is capped', () => {
    const line = errorAnnotation('boom\n::add-mask::x\r%0A', { file: 'a,b:c\n.log', line: 7, title: 'goarch: x::y' });
    expect(line).toBe('::error file=a%2Cb%3Ac%0A.log,line=7,title=goarch%3A x%3A%3Ay::boom%0A::add-mask::x%0D%250A\n');
    expect(line.split('\n')).toHaveLength(2);
    expect(errorAnnotation('x'.repeat(5000)).length).toBeLessThan(1100);
    expect(errorAnnotation('ansi \u001b[31mred\u001b[0m', { line: -1 })).toBe('::error::ansi [31mred[0m\n');
  });
});

describe('GITHUB_OUTPUT', () => {
  it('a value holding a line that looks like its delimiter gets another delimiter, and sets no other output', () => {
    // verdict, class and fingerprint take v, c and f; fix-command draws `fixed`, which its value holds, then `fresh`.
    const ids = ['v', 'c', 'f', 'fixed', 'fresh'];
    const text = formatOutputs({ verdict: 'architecture', class: 'x', fingerprint: 'f', 'fix-command': 'echo 1\nghadelimiter_fixed\nverdict=clean' }, () => ids.shift() ?? 'z');
    expect(text).toContain('fix-command<<ghadelimiter_fresh\n');
    expect(parseOutputFile(text)).toEqual({ verdict: 'architecture', class: 'x', fingerprint: 'f', 'fix-command': 'echo 1\nghadelimiter_fixed\nverdict=clean' });
  });
});

describe('step summary', () => {
  it('is cut at a line with a note when too long', () => {
    const text = capSummary(`${'line\n'.repeat(100)}`, 200);
    expect(text.length).toBeLessThanOrEqual(200);
    expect(text).toContain('goarch cut this summary here');
  });
});
