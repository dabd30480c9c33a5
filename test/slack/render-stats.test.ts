import { describe, expect, it } from 'vitest';
import { renderStats } from '../../src/slack/render-stats.js';

const AT = Date.UTC(2026, 10, 28, 12, 0, 0);

describe('renderStats', () => {
  it('lists class, where, count and last seen, most counted first as given', () => {
    const text = renderStats(
      [
        { scope: 'octo/app#12', fingerprint: 'a', class: 'cgo-cross-linker', title: 'cgo: gcc cannot link arm64 objects', count: 7, lastSeen: AT },
        { scope: 'slack:C0123', fingerprint: 'b', class: 'exec-format-error', title: 'exec format error <x86>', count: 3, lastSeen: AT },
        { scope: 'octo/lib@abc123', fingerprint: 'c', class: 'qemu-binfmt-missing', title: 'no qemu', count: 1, lastSeen: AT },
      ],
      7,
    );
    expect(text).toBe(
      [
        '*Top architecture incidents of the last 7 days*',
        '1. `cgo-cross-linker` · `octo/app` (PR #12) · *7×* · last <!date^1795867200^{date_short_pretty} {time}|2026-11-28T12:00:00.000Z>',
        '      cgo: gcc cannot link arm64 objects',
        '2. `exec-format-error` · <#C0123> · *3×* · last <!date^1795867200^{date_short_pretty} {time}|2026-11-28T12:00:00.000Z>',
        '      exec format error &lt;x86&gt;',
        '3. `qemu-binfmt-missing` · `octo/lib` · *1×* · last <!date^1795867200^{date_short_pretty} {time}|2026-11-28T12:00:00.000Z>',
        '      no qemu',
      ].join('\n'),
    );
  });

  it('says so when nothing was seen', () => {
    expect(renderStats([], 7)).toBe('goarch has seen no architecture incident in the last 7 days.');
  });
});
