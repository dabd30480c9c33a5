import { GO_PORTS } from './go-ports.js';

/** Names other tools use for an architecture (uname -m, Debian, Docker, Rust, .NET), mapped to GOARCH. */
const ALIASES: Readonly<Record<string, string>> = {
  aarch64: 'arm64',
  arm64v8: 'arm64',
  armv8: 'arm64',
  'arm64-v8a': 'arm64',
  x86_64: 'amd64',
  'x86-64': 'amd64',
  x64: 'amd64',
  x86: '386',
  i386: '386',
  i686: '386',
  arm32: 'arm',
  armhf: 'arm',
  armel: 'arm',
  armv6: 'arm',
  armv6l: 'arm',
  armv7: 'arm',
  armv7l: 'arm',
  ppc64el: 'ppc64le',
  powerpc64le: 'ppc64le',
  mips64el: 'mips64le',
  mipsel: 'mipsle',
  riscv: 'riscv64',
  loongarch64: 'loong64',
};

/** The GOARCH a misspelt value means, or null when `value` is already valid or unknown. */
export function correctGoarch(value: string): string | null {
  const known = [...GO_PORTS].some((port) => port.endsWith(`/${value}`));
  if (known) return null;
  return ALIASES[value.toLowerCase()] ?? null;
}
