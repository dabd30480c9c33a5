import { describe, expect, it } from 'vitest';
import { diagnoseText } from '../../src/core/diagnose/diagnose-log.js';
import { shippedRules } from '../support/rules.js';

const rules = shippedRules();

function fp(log: string): string[] {
  return diagnoseText(log, rules).incidents.map((i) => i.fingerprint);
}

describe('fingerprint', () => {
  const run = (ts: string, tmp: string, line: number): string =>
    [
      ...Array.from({ length: line }, () => `${ts} noise`),
      `${ts} go version go1.22.1 linux/amd64`,
      `${ts} + CGO_ENABLED=1 CC=aarch64-linux-gnu-gcc GOARCH=arm64 go build -o bin/app .`,
      `${ts} /usr/lib/gcc-cross/aarch64-linux-gnu/12/../../../../aarch64-linux-gnu/bin/ld: skipping incompatible /usr/lib/x86_64-linux-gnu/libsqlite3.so when searching for -lsqlite3`,
      `${ts} /usr/bin/ld: ${tmp}/000001.o: cannot find -lsqlite3`,
    ].join('\n');

  it('is stable across runs (timestamps, temp dirs, line numbers)', () => {
    const a = fp(run('2024-01-15T10:00:00.0000000Z', '/tmp/go-link-1234', 3));
    const b = fp(run('2025-06-01T22:11:09.9999999Z', '/tmp/go-link-98765', 40));
    expect(a).toHaveLength(1);
    expect(b).toEqual(a);
  });

  it('differs when the root cause differs', () => {
    const base = run('2024-01-15T10:00:00Z', '/tmp/x', 0);
    expect(fp(base.replace(/sqlite3/g, 'z'))).not.toEqual(fp(base));
    expect(fp(base.replace(/arm64/g, 'riscv64').replace(/aarch64/g, 'riscv64'))).not.toEqual(fp(base));
  });
});
