/**
 * What goarch knows about CPU architectures: Go names, spellings people use instead,
 * Debian names, GNU triples for cross compilers and QEMU user-mode names.
 */
export interface ArchInfo {
  goarch: string;
  debian: string;
  triple: string;
  qemu: string;
  /** Native GitHub-hosted Linux runner for this arch, when one exists. */
  runner: string | null;
}

export const ARCHES: Record<string, ArchInfo> = {
  amd64: { goarch: 'amd64', debian: 'amd64', triple: 'x86_64-linux-gnu', qemu: 'x86_64', runner: 'ubuntu-24.04' },
  arm64: { goarch: 'arm64', debian: 'arm64', triple: 'aarch64-linux-gnu', qemu: 'aarch64', runner: 'ubuntu-24.04-arm' },
  arm: { goarch: 'arm', debian: 'armhf', triple: 'arm-linux-gnueabihf', qemu: 'arm', runner: null },
  '386': { goarch: '386', debian: 'i386', triple: 'i686-linux-gnu', qemu: 'i386', runner: null },
  ppc64le: { goarch: 'ppc64le', debian: 'ppc64el', triple: 'powerpc64le-linux-gnu', qemu: 'ppc64le', runner: null },
  s390x: { goarch: 's390x', debian: 's390x', triple: 's390x-linux-gnu', qemu: 's390x', runner: null },
  riscv64: { goarch: 'riscv64', debian: 'riscv64', triple: 'riscv64-linux-gnu', qemu: 'riscv64', runner: null },
  mips64le: { goarch: 'mips64le', debian: 'mips64el', triple: 'mips64el-linux-gnuabi64', qemu: 'mips64el', runner: null },
  mipsle: { goarch: 'mipsle', debian: 'mipsel', triple: 'mipsel-linux-gnu', qemu: 'mipsel', runner: null },
  loong64: { goarch: 'loong64', debian: 'loong64', triple: 'loongarch64-linux-gnu', qemu: 'loongarch64', runner: null },
};

/** Every GOARCH the Go toolchain accepts (`go tool dist list`). */
export const VALID_GOARCH = new Set([
  '386', 'amd64', 'arm', 'arm64', 'loong64', 'mips', 'mips64', 'mips64le', 'mipsle',
  'ppc64', 'ppc64le', 'riscv64', 's390x', 'wasm',
]);

/** Every GOOS the Go toolchain accepts. */
export const VALID_GOOS = new Set([
  'aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'illumos', 'ios', 'js', 'linux',
  'netbsd', 'openbsd', 'plan9', 'solaris', 'wasip1', 'windows',
]);

const ALIASES: Record<string, string> = {
  aarch64: 'arm64', arm64: 'arm64', arm64v8: 'arm64', armv8: 'arm64', 'arm64/v8': 'arm64',
  x86_64: 'amd64', 'x86-64': 'amd64', x64: 'amd64', amd64: 'amd64', 'i386:x86-64': 'amd64', 'elf64-x86-64': 'amd64',
  i386: '386', i486: '386', i586: '386', i686: '386', x86: '386', '386': '386', ia32: '386', 'elf32-i386': '386',
  arm: 'arm', armhf: 'arm', armel: 'arm', armv7: 'arm', armv7l: 'arm', armv6: 'arm', armv6l: 'arm', arm32: 'arm', 'arm/v7': 'arm', 'arm/v6': 'arm', 'elf32-littlearm': 'arm',
  aarch64linux: 'arm64', 'elf64-littleaarch64': 'arm64',
  ppc64le: 'ppc64le', ppc64el: 'ppc64le', powerpc64le: 'ppc64le',
  s390x: 's390x', riscv64: 'riscv64', mips64le: 'mips64le', mips64el: 'mips64le', mipsle: 'mipsle', mipsel: 'mipsle',
  loong64: 'loong64', loongarch64: 'loong64', wasm: 'wasm', mips: 'mips', mips64: 'mips64', ppc64: 'ppc64',
};

/** Maps any common spelling of an architecture to its GOARCH name, or null when unknown. */
export function toGoarch(word: string): string | null {
  return ALIASES[word.toLowerCase()] ?? null;
}

/** ELF e_machine numbers seen in linker and loader messages (`Relocations in generic ELF (EM: 183)`). */
export const ELF_MACHINES: Record<string, string> = {
  '3': '386', '8': 'mips', '20': 'ppc', '21': 'ppc64le', '22': 's390x', '40': 'arm', '62': 'amd64', '183': 'arm64', '243': 'riscv64', '258': 'loong64',
};

/** Debian -dev package for a library named in `-l<name>`. */
export function devPackageFor(lib: string): string {
  const known: Record<string, string> = {
    z: 'zlib1g-dev', ssl: 'libssl-dev', crypto: 'libssl-dev', sqlite3: 'libsqlite3-dev', pcap: 'libpcap-dev',
    usb: 'libusb-dev', 'usb-1.0': 'libusb-1.0-0-dev', systemd: 'libsystemd-dev', gpgme: 'libgpgme-dev',
    btrfs: 'libbtrfs-dev', seccomp: 'libseccomp-dev', asound: 'libasound2-dev', X11: 'libx11-dev', GL: 'libgl-dev',
    vips: 'libvips-dev', zmq: 'libzmq3-dev', pq: 'libpq-dev', ffi: 'libffi-dev', curl: 'libcurl4-openssl-dev',
    xml2: 'libxml2-dev', pthread: 'libc6-dev', m: 'libc6-dev', dl: 'libc6-dev', rt: 'libc6-dev', resolv: 'libc6-dev',
    gcc_s: 'libgcc-12-dev', stdc: 'libstdc++-12-dev', 'stdc++': 'libstdc++-12-dev', lzma: 'liblzma-dev', bz2: 'libbz2-dev',
    zstd: 'libzstd-dev', lz4: 'liblz4-dev', rdkafka: 'librdkafka-dev', git2: 'libgit2-dev', hidapi: 'libhidapi-dev',
  };
  return known[lib] ?? `lib${lib.toLowerCase()}-dev`;
}
