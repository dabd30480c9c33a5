import { describe, expect, it } from 'vitest';
import { matchesTemplate } from '../../../src/core/fix/matches-template.js';

describe('matchesTemplate', () => {
  it.each([
    ['go test ./...', 'go   test ./...', true],
    ['GOARCH=${{ matrix.arch }} go build', 'GOARCH=arm64 go build', true],
    ['GOARCH=${{ matrix.arch }} go build -o ${{ env.OUT }}', 'GOARCH=arm64 go build -o bin/x', true],
    ['go test ${{ matrix.flags }}', 'go test', true],
    ['${{ a }} mid ${{ b }}', 'x mid y', true],
    ['${{ a }} mid ${{ b }}', 'x mud y', false],
    ['pre ${{ a }} post', 'pre only', false],
    ['ab${{ a }}ba', 'aba', false],
  ])('%j against %j: %s', (template, concrete, expected) => {
    expect(matchesTemplate(template, concrete)).toBe(expected);
  });

  // Issue 13, hole 4: the old matcher built `^a[\s\S]*?b[\s\S]*?…$` from the workflow line and ran it on the
  // log's step title, cubic in the title (12 KB: 0.9 s, 50 KB: 50 s) and on the event loop.
  it('stays under 100 ms on 64 KiB adversarial input', () => {
    const template = 'a ${{ x }} a ${{ y }} a ${{ z }} a ${{ w }} b';
    const title = 'a'.repeat(64 * 1024);
    const unclosed = '${{ a'.repeat((64 * 1024) / 5);
    const started = performance.now();
    expect(matchesTemplate(template, title)).toBe(false);
    expect(matchesTemplate(unclosed, title)).toBe(false);
    expect(matchesTemplate(`${'a ${{ x }} '.repeat(700)}b`, `${'a '.repeat(4000)}c`)).toBe(false);
    expect(performance.now() - started).toBeLessThan(100);
  });
});
