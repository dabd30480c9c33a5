import { describe, expect, it } from 'vitest';
import { frameStep } from '../../lab/src/frame-step.js';
import { actionsTimestamp } from '../../lab/src/actions-timestamp.js';

describe('frameStep', () => {
  const stamp = (): string => '2026-11-29T16:40:01.1234567Z';

  it('frames a multi-line step with env like an Actions log, closing with the exit code', () => {
    const frame = frameStep({ command: 'go build -o bin/app .\n./bin/app\n', env: { GOARCH: 'arm64' } }, stamp);
    expect(frame.open).toEqual([
      '2026-11-29T16:40:01.1234567Z ##[group]Run go build -o bin/app .',
      '2026-11-29T16:40:01.1234567Z \u001b[36;1mgo build -o bin/app .\u001b[0m',
      '2026-11-29T16:40:01.1234567Z \u001b[36;1m./bin/app\u001b[0m',
      '2026-11-29T16:40:01.1234567Z shell: /usr/bin/bash -e {0}',
      '2026-11-29T16:40:01.1234567Z env:',
      '2026-11-29T16:40:01.1234567Z   GOARCH: arm64',
      '2026-11-29T16:40:01.1234567Z ##[endgroup]',
    ]);
    expect(frame.close(126)).toEqual(['2026-11-29T16:40:01.1234567Z ##[error]Process completed with exit code 126.']);
  });

  it('adds no env block and no closing line for a green step without env', () => {
    const frame = frameStep({ command: 'go version', env: {} }, stamp);
    expect(frame.open.map((l) => l.slice(29))).toEqual(['##[group]Run go version', '\u001b[36;1mgo version\u001b[0m', 'shell: /usr/bin/bash -e {0}', '##[endgroup]']);
    expect(frame.close(0)).toEqual([]);
  });
});

describe('actionsTimestamp', () => {
  it.each([
    [0, '2026-11-29T16:40:01.123' + '0000Z'],
    [4567, '2026-11-29T16:40:01.1234567Z'],
    [9999, '2026-11-29T16:40:01.1239999Z'],
  ])('sub-millisecond ticks %i give %s', (ticks, want) => {
    expect(actionsTimestamp(new Date('2026-11-29T16:40:01.123Z'), ticks)).toBe(want);
  });
});
