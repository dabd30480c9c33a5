import { ARCHES } from './arch-table.js';

/** Spellings other tools use (uname -m, Debian, Docker, Rust, .NET, objdump, file), beyond the table's own names. */
const EXTRA: Readonly<Record<string, string>> = {
  arm64v8: 'arm64', armv8: 'arm64', 'arm64/v8': 'arm64', 'arm64-v8a': 'arm64', aarch64linux: 'arm64', 'elf64-littleaarch64': 'arm64', 'arm aarch64': 'arm64',
  'x86-64': 'amd64', x64: 'amd64', 'i386:x86-64': 'amd64', 'elf64-x86-64': 'amd64', amd64v2: 'amd64', amd64v3: 'amd64',
  i486: '386', i586: '386', x86: '386', ia32: '386', 'elf32-i386': '386', 'intel 80386': '386',
  armhf: 'arm', armel: 'arm', armv7: 'arm', armv6: 'arm', arm32: 'arm', arm32v7: 'arm', arm32v6: 'arm', 'arm/v7': 'arm', 'arm/v6': 'arm', 'elf32-littlearm': 'arm',
  ppc64el: 'ppc64le', powerpc64le: 'ppc64le', powerpc64: 'ppc64', mips64el: 'mips64le', mipsel: 'mipsle',
  riscv: 'riscv64', loongarch64: 'loong64', wasm: 'wasm',
  // Apple's arm64e (pointer authentication) and x86_64h (Haswell) slices in dyld's messages; the JVM's "AMD 64-bit platform"
  arm64e: 'arm64', x86_64h: 'amd64', 'amd 64': 'amd64', 'ia 32': '386',
};

function buildAliases(): Record<string, string> {
  const out: Record<string, string> = { ...EXTRA };
  for (const a of Object.values(ARCHES)) {
    out[a.goarch] = a.goarch;
    out[a.debian] ??= a.goarch;
    out[a.qemu] ??= a.goarch;
    for (const u of a.uname) out[u] ??= a.goarch;
  }
  // `uname -m` says mips/mips64 for both endiannesses; the big-endian GOARCH is the literal one.
  out.mips = 'mips';
  out.mips64 = 'mips64';
  return out;
}

const ALIASES: Readonly<Record<string, string>> = buildAliases();

/** Maps any common spelling of an architecture to its GOARCH name, or null when unknown. */
export function toGoarch(word: string): string | null {
  return ALIASES[word.toLowerCase()] ?? null;
}
