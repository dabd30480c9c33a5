import { describe, expect, it } from 'vitest';
import { ARCHES, ELF_MACHINES, GO_PORTS, VALID_GOARCH, correctGoarch, crossCompilerFor, devPackageFor, ociPlatform, toGoarch } from '../../../src/core/platform/index.js';
import { crossCompilerPackageFor } from '../../../src/core/diagnose/fixes/fix-helpers.js';

describe('the platform module', () => {
  it.each(Object.values(ARCHES).map((a) => [a.goarch, a] as const))('%s is one consistent row', (goarch, a) => {
    expect(VALID_GOARCH.has(goarch)).toBe(true);
    expect(GO_PORTS.has(`linux/${goarch}`)).toBe(true);
    expect(toGoarch(a.triple.split('-')[0] ?? '')).toBe(goarch);
    expect(toGoarch(a.debian)).toBe(goarch);
    expect(a.uname.every((u) => toGoarch(u) !== null)).toBe(true);
    expect(a.oci.startsWith('linux/')).toBe(true);
    // The diagnosis and the workflow patcher read the same cross compiler.
    expect(crossCompilerPackageFor(goarch)).toBe(crossCompilerFor({ goos: 'linux', goarch })?.package ?? null);
    expect(crossCompilerFor({ goos: 'linux', goarch })?.package ?? null).toBe(a.debianGcc);
  });

  it.each([
    ['aarch64', 'arm64'], ['x86_64', 'amd64'], ['armv7l', 'arm'], ['armhf', 'arm'], ['i686', '386'], ['ppc64el', 'ppc64le'],
    ['riscv', 'riscv64'], ['riscv64', 'riscv64'], ['loongarch64', 'loong64'], ['mips64el', 'mips64le'], ['arm64/v8', 'arm64'],
  ])('%s is GOARCH %s everywhere', (word, goarch) => {
    expect(toGoarch(word)).toBe(goarch);
    expect(correctGoarch(word)).toBe(word === goarch ? null : goarch);
  });

  it('reads ELF machine numbers the way linkers print them', () => {
    expect(ELF_MACHINES['21']).toBe('ppc64le');
    expect(ELF_MACHINES['183']).toBe('arm64');
    expect(ELF_MACHINES['62']).toBe('amd64');
    expect(ELF_MACHINES['40']).toBe('arm');
    expect(ELF_MACHINES['243']).toBe('riscv64');
    expect(ELF_MACHINES['258']).toBe('loong64');
  });

  it('says one thing about loongarch64: no Debian cross gcc package', () => {
    expect(crossCompilerFor({ goos: 'linux', goarch: 'loong64' })).toBeNull();
    expect(crossCompilerPackageFor('loong64')).toBeNull();
  });

  it('names packages for each package manager', () => {
    expect(devPackageFor('z')).toBe('zlib1g-dev');
    expect(devPackageFor('z', 'apk')).toBe('zlib-dev');
    expect(devPackageFor('ssl', 'dnf')).toBe('openssl-devel');
    expect(devPackageFor('sqlite3', 'brew')).toBe('sqlite');
    expect(crossCompilerFor({ goos: 'linux', goarch: 'arm64' }, 'pacman')?.cc).toBe('aarch64-linux-gnu-gcc');
    expect(crossCompilerFor({ goos: 'linux', goarch: 'arm64' }, 'apk')).toBeNull();
    expect(crossCompilerFor({ goos: 'linux', goarch: 'arm64' }, 'brew')?.cc).toBe('aarch64-unknown-linux-gnu-gcc');
    expect(crossCompilerFor({ goos: 'windows', goarch: 'amd64' })?.cc).toBe('x86_64-w64-mingw32-gcc');
  });

  it('writes OCI platforms', () => {
    expect(ociPlatform('linux', 'arm', '6')).toBe('linux/arm/v6');
    expect(ociPlatform(null, 'arm')).toBe('linux/arm/v7');
    expect(ociPlatform('linux', 'arm64')).toBe('linux/arm64');
  });
});
