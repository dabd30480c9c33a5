import type { PackageManager } from './package-manager.js';

/** Library (`-l<name>`) → [Debian, Alpine, Fedora, Arch, Homebrew] package. */
const KNOWN: Readonly<Record<string, readonly [string, string, string, string, string]>> = {
  z: ['zlib1g-dev', 'zlib-dev', 'zlib-devel', 'zlib', 'zlib'],
  ssl: ['libssl-dev', 'openssl-dev', 'openssl-devel', 'openssl', 'openssl@3'],
  crypto: ['libssl-dev', 'openssl-dev', 'openssl-devel', 'openssl', 'openssl@3'],
  sqlite3: ['libsqlite3-dev', 'sqlite-dev', 'sqlite-devel', 'sqlite', 'sqlite'],
  pcap: ['libpcap-dev', 'libpcap-dev', 'libpcap-devel', 'libpcap', 'libpcap'],
  usb: ['libusb-dev', 'libusb-compat-dev', 'libusb-compat-devel', 'libusb-compat', 'libusb-compat'],
  'usb-1.0': ['libusb-1.0-0-dev', 'libusb-dev', 'libusb1-devel', 'libusb', 'libusb'],
  systemd: ['libsystemd-dev', 'elogind-dev', 'systemd-devel', 'systemd-libs', 'systemd'],
  gpgme: ['libgpgme-dev', 'gpgme-dev', 'gpgme-devel', 'gpgme', 'gpgme'],
  btrfs: ['libbtrfs-dev', 'btrfs-progs-dev', 'btrfs-progs-devel', 'btrfs-progs', 'btrfs-progs'],
  seccomp: ['libseccomp-dev', 'libseccomp-dev', 'libseccomp-devel', 'libseccomp', 'libseccomp'],
  asound: ['libasound2-dev', 'alsa-lib-dev', 'alsa-lib-devel', 'alsa-lib', 'alsa-lib'],
  X11: ['libx11-dev', 'libx11-dev', 'libX11-devel', 'libx11', 'libx11'],
  GL: ['libgl-dev', 'mesa-dev', 'mesa-libGL-devel', 'libglvnd', 'mesa'],
  vips: ['libvips-dev', 'vips-dev', 'vips-devel', 'libvips', 'vips'],
  zmq: ['libzmq3-dev', 'zeromq-dev', 'zeromq-devel', 'zeromq', 'zeromq'],
  pq: ['libpq-dev', 'libpq-dev', 'libpq-devel', 'postgresql-libs', 'libpq'],
  ffi: ['libffi-dev', 'libffi-dev', 'libffi-devel', 'libffi', 'libffi'],
  curl: ['libcurl4-openssl-dev', 'curl-dev', 'libcurl-devel', 'curl', 'curl'],
  xml2: ['libxml2-dev', 'libxml2-dev', 'libxml2-devel', 'libxml2', 'libxml2'],
  pthread: ['libc6-dev', 'musl-dev', 'glibc-devel', 'glibc', ''],
  m: ['libc6-dev', 'musl-dev', 'glibc-devel', 'glibc', ''],
  dl: ['libc6-dev', 'musl-dev', 'glibc-devel', 'glibc', ''],
  rt: ['libc6-dev', 'musl-dev', 'glibc-devel', 'glibc', ''],
  resolv: ['libc6-dev', 'musl-dev', 'glibc-devel', 'glibc', ''],
  gcc_s: ['libgcc-12-dev', 'libgcc', 'libgcc', 'gcc-libs', ''],
  stdc: ['libstdc++-12-dev', 'libstdc++-dev', 'libstdc++-devel', 'gcc-libs', ''],
  'stdc++': ['libstdc++-12-dev', 'libstdc++-dev', 'libstdc++-devel', 'gcc-libs', ''],
  lzma: ['liblzma-dev', 'xz-dev', 'xz-devel', 'xz', 'xz'],
  bz2: ['libbz2-dev', 'bzip2-dev', 'bzip2-devel', 'bzip2', 'bzip2'],
  zstd: ['libzstd-dev', 'zstd-dev', 'libzstd-devel', 'zstd', 'zstd'],
  lz4: ['liblz4-dev', 'lz4-dev', 'lz4-devel', 'lz4', 'lz4'],
  rdkafka: ['librdkafka-dev', 'librdkafka-dev', 'librdkafka-devel', 'librdkafka', 'librdkafka'],
  git2: ['libgit2-dev', 'libgit2-dev', 'libgit2-devel', 'libgit2', 'libgit2'],
  hidapi: ['libhidapi-dev', 'hidapi-dev', 'hidapi-devel', 'hidapi', 'hidapi'],
};

const COLUMN: Readonly<Record<PackageManager, number>> = { apt: 0, apk: 1, dnf: 2, pacman: 3, brew: 4 };

/** The development package of a library named in `-l<name>`, for a package manager (default apt). */
export function devPackageFor(lib: string, pm: PackageManager = 'apt'): string {
  const row = KNOWN[lib];
  const known = row?.[COLUMN[pm]];
  if (known) return known;
  const l = lib.toLowerCase();
  switch (pm) {
    case 'apt':
      return `lib${l}-dev`;
    case 'apk':
      return `${l}-dev`;
    case 'dnf':
      return `lib${l}-devel`;
    case 'pacman':
    case 'brew':
      return l;
  }
}
