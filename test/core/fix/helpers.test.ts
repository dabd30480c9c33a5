import { describe, expect, it } from 'vitest';
import { correctGoarch } from '../../../src/core/fix/correct-goarch.js';
import { matchesTemplate } from '../../../src/core/fix/matches-template.js';
import { qemuActionRef } from '../../../src/core/fix/qemu-action-ref.js';
import { applyTextEdits } from '../../../src/core/fix/text-edit.js';

describe('matchesTemplate', () => {
  it.each([
    ['make vfs-linux-${{ matrix.arch }}', 'make vfs-linux-arm64', true],
    ['./... ${{matrix.buildflags}}', './... ', true],
    ['go test ./...', 'go  test ./...', true],
    ['go build ${{ matrix.tags }}', 'go test', false],
    ['Build', 'Build and push', false],
  ])('%s ~ %s → %s', (template, concrete, expected) => {
    expect(matchesTemplate(template, concrete)).toBe(expected);
  });
});

describe('correctGoarch', () => {
  it.each([
    ['aarch64', 'arm64'],
    ['x86_64', 'amd64'],
    ['x64', 'amd64'],
    ['armhf', 'arm'],
    ['arm32', 'arm'],
    ['i686', '386'],
    ['ppc64el', 'ppc64le'],
    ['arm64', null],
    ['amd64', null],
    ['sparc', null],
  ])('%s → %s', (wrong, right) => {
    expect(correctGoarch(wrong)).toBe(right);
  });
});

describe('qemuActionRef', () => {
  it.each([
    ['docker/setup-buildx-action@v3', '', 'docker/setup-qemu-action@v3', ''],
    ['docker/setup-buildx-action@v4', '', 'docker/setup-qemu-action@v4', ''],
    ['docker/setup-buildx-action@v3.10.0', '', 'docker/setup-qemu-action@v3.7.0', ''],
    ['docker/setup-buildx-action@4d04d5d9486b7bd6fa91e7baf45bbb4f8b9deedd', '', 'docker/setup-qemu-action@ce360397dd3f832beb865e1373c09c0e9f86d70a', ''],
    ['docker/setup-buildx-action@e468171a9de216ec08956ac3ada2f0791b6bd435', ' # v3.11.1', 'docker/setup-qemu-action@c7c53464625b32c7a7e944ae62b3e17d2b600130', ' # v3.7.0'],
    ['docker/setup-buildx-action@0000000000000000000000000000000000000000', '  # v4', 'docker/setup-qemu-action@ce360397dd3f832beb865e1373c09c0e9f86d70a', '  # v4'],
  ])('%s%s → %s%s', (buildx, comment, uses, qemuComment) => {
    expect(qemuActionRef(buildx, comment)).toEqual({ uses, comment: qemuComment });
  });

  it('pins by SHA without a buildx step when the file pins its actions', () => {
    expect(qemuActionRef(null, '', true).uses).toMatch(/@[0-9a-f]{40}$/);
    expect(qemuActionRef(null, '', false).uses).toBe('docker/setup-qemu-action@v4');
  });
});

describe('applyTextEdits', () => {
  it('applies edits in offset order', () => {
    expect(applyTextEdits('abcdef', [{ start: 4, end: 5, text: 'E' }, { start: 0, end: 0, text: '>' }])).toBe('>abcdEf');
  });

  it('throws on overlapping edits', () => {
    expect(() => applyTextEdits('abc', [{ start: 0, end: 2, text: '' }, { start: 1, end: 3, text: '' }])).toThrow(/overlapping/);
  });
});
