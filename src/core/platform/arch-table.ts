/**
 * The one table of what goarch knows about each CPU architecture, keyed by GOARCH. Every other name (uname -m,
 * ELF e_machine, Mach-O cputype, GNU triple, Debian/Alpine/Fedora/Arch/Homebrew packages, zig targets, OCI
 * platforms, GitHub-hosted runner labels) is read from here, so the diagnosis and the workflow patcher agree.
 */
export interface ArchInfo {
  goarch: string;
  /** What `uname -m` prints on this machine (first is the usual one). */
  uname: readonly string[];
  /** ELF e_machine number and class (32/64-bit) of binaries for this arch. */
  elfMachine: number;
  elfClass: 32 | 64;
  /** Mach-O cputype (CPU_TYPE_*), when macOS runs on it. */
  machO: number | null;
  /** `lipo -archs` / `-arch` name on macOS. */
  appleArch: string | null;
  /** GNU triple of the Linux glibc toolchain (the Debian cross-compiler prefix). */
  triple: string;
  /** Debian/Ubuntu dpkg architecture (`:arm64` packages, `dpkg --add-architecture`). */
  debian: string;
  /** Debian/Ubuntu package of the C cross compiler to this arch, or null when the archive has none. */
  debianGcc: string | null;
  /** Arch Linux package of a glibc cross compiler (with its sysroot), or null. */
  archLinuxGcc: string | null;
  /** Fedora package of the cross compiler (kernel/bare: no target glibc sysroot), or null. */
  fedoraGcc: string | null;
  /** Homebrew formula of a Linux cross toolchain on macOS, and the CC it installs. */
  brew: { formula: string; cc: string } | null;
  /** `zig cc -target` for Linux glibc. */
  zig: string;
  /** OCI/Docker platform (`linux/arm/v7`). */
  oci: string;
  /** QEMU user-mode name (`qemu-<name>-static`, `tonistiigi/binfmt --install <name>`). */
  qemu: string;
  /** Native GitHub-hosted Linux runner label, when one exists. */
  runner: string | null;
  /** Native GitHub-hosted macOS runner label, when one exists. */
  macRunner: string | null;
}

function arch(a: ArchInfo): ArchInfo {
  return a;
}

export const ARCHES: Readonly<Record<string, ArchInfo>> = {
  amd64: arch({ goarch: 'amd64', uname: ['x86_64'], elfMachine: 62, elfClass: 64, machO: 0x01000007, appleArch: 'x86_64', triple: 'x86_64-linux-gnu', debian: 'amd64', debianGcc: 'gcc-x86-64-linux-gnu', archLinuxGcc: null, fedoraGcc: 'gcc-x86_64-linux-gnu', brew: { formula: 'messense/macos-cross-toolchains/x86_64-unknown-linux-gnu', cc: 'x86_64-unknown-linux-gnu-gcc' }, zig: 'x86_64-linux-gnu', oci: 'linux/amd64', qemu: 'x86_64', runner: 'ubuntu-24.04', macRunner: 'macos-13' }),
  arm64: arch({ goarch: 'arm64', uname: ['aarch64', 'arm64'], elfMachine: 183, elfClass: 64, machO: 0x0100000c, appleArch: 'arm64', triple: 'aarch64-linux-gnu', debian: 'arm64', debianGcc: 'gcc-aarch64-linux-gnu', archLinuxGcc: 'aarch64-linux-gnu-gcc', fedoraGcc: 'gcc-aarch64-linux-gnu', brew: { formula: 'messense/macos-cross-toolchains/aarch64-unknown-linux-gnu', cc: 'aarch64-unknown-linux-gnu-gcc' }, zig: 'aarch64-linux-gnu', oci: 'linux/arm64', qemu: 'aarch64', runner: 'ubuntu-24.04-arm', macRunner: 'macos-14' }),
  arm: arch({ goarch: 'arm', uname: ['armv7l', 'armv6l', 'armv8l'], elfMachine: 40, elfClass: 32, machO: null, appleArch: null, triple: 'arm-linux-gnueabihf', debian: 'armhf', debianGcc: 'gcc-arm-linux-gnueabihf', archLinuxGcc: null, fedoraGcc: 'gcc-arm-linux-gnu', brew: { formula: 'messense/macos-cross-toolchains/armv7-unknown-linux-gnueabihf', cc: 'armv7-unknown-linux-gnueabihf-gcc' }, zig: 'arm-linux-gnueabihf', oci: 'linux/arm/v7', qemu: 'arm', runner: null, macRunner: null }),
  '386': arch({ goarch: '386', uname: ['i686', 'i386'], elfMachine: 3, elfClass: 32, machO: 7, appleArch: 'i386', triple: 'i686-linux-gnu', debian: 'i386', debianGcc: 'gcc-i686-linux-gnu', archLinuxGcc: null, fedoraGcc: null, brew: { formula: 'messense/macos-cross-toolchains/i686-unknown-linux-gnu', cc: 'i686-unknown-linux-gnu-gcc' }, zig: 'x86-linux-gnu', oci: 'linux/386', qemu: 'i386', runner: null, macRunner: null }),
  ppc64le: arch({ goarch: 'ppc64le', uname: ['ppc64le'], elfMachine: 21, elfClass: 64, machO: null, appleArch: null, triple: 'powerpc64le-linux-gnu', debian: 'ppc64el', debianGcc: 'gcc-powerpc64le-linux-gnu', archLinuxGcc: null, fedoraGcc: 'gcc-ppc64le-linux-gnu', brew: null, zig: 'powerpc64le-linux-gnu', oci: 'linux/ppc64le', qemu: 'ppc64le', runner: null, macRunner: null }),
  ppc64: arch({ goarch: 'ppc64', uname: ['ppc64'], elfMachine: 21, elfClass: 64, machO: null, appleArch: null, triple: 'powerpc64-linux-gnu', debian: 'ppc64', debianGcc: 'gcc-powerpc64-linux-gnu', archLinuxGcc: null, fedoraGcc: 'gcc-ppc64-linux-gnu', brew: null, zig: 'powerpc64-linux-gnu', oci: 'linux/ppc64', qemu: 'ppc64', runner: null, macRunner: null }),
  s390x: arch({ goarch: 's390x', uname: ['s390x'], elfMachine: 22, elfClass: 64, machO: null, appleArch: null, triple: 's390x-linux-gnu', debian: 's390x', debianGcc: 'gcc-s390x-linux-gnu', archLinuxGcc: null, fedoraGcc: 'gcc-s390x-linux-gnu', brew: null, zig: 's390x-linux-gnu', oci: 'linux/s390x', qemu: 's390x', runner: null, macRunner: null }),
  riscv64: arch({ goarch: 'riscv64', uname: ['riscv64'], elfMachine: 243, elfClass: 64, machO: null, appleArch: null, triple: 'riscv64-linux-gnu', debian: 'riscv64', debianGcc: 'gcc-riscv64-linux-gnu', archLinuxGcc: 'riscv64-linux-gnu-gcc', fedoraGcc: 'gcc-riscv64-linux-gnu', brew: null, zig: 'riscv64-linux-gnu', oci: 'linux/riscv64', qemu: 'riscv64', runner: null, macRunner: null }),
  mips64le: arch({ goarch: 'mips64le', uname: ['mips64'], elfMachine: 8, elfClass: 64, machO: null, appleArch: null, triple: 'mips64el-linux-gnuabi64', debian: 'mips64el', debianGcc: 'gcc-mips64el-linux-gnuabi64', archLinuxGcc: null, fedoraGcc: null, brew: null, zig: 'mips64el-linux-gnuabi64', oci: 'linux/mips64le', qemu: 'mips64el', runner: null, macRunner: null }),
  mipsle: arch({ goarch: 'mipsle', uname: ['mips'], elfMachine: 8, elfClass: 32, machO: null, appleArch: null, triple: 'mipsel-linux-gnu', debian: 'mipsel', debianGcc: 'gcc-mipsel-linux-gnu', archLinuxGcc: null, fedoraGcc: null, brew: null, zig: 'mipsel-linux-gnueabihf', oci: 'linux/mipsle', qemu: 'mipsel', runner: null, macRunner: null }),
  mips64: arch({ goarch: 'mips64', uname: ['mips64'], elfMachine: 8, elfClass: 64, machO: null, appleArch: null, triple: 'mips64-linux-gnuabi64', debian: 'mips64', debianGcc: 'gcc-mips64-linux-gnuabi64', archLinuxGcc: null, fedoraGcc: null, brew: null, zig: 'mips64-linux-gnuabi64', oci: 'linux/mips64', qemu: 'mips64', runner: null, macRunner: null }),
  mips: arch({ goarch: 'mips', uname: ['mips'], elfMachine: 8, elfClass: 32, machO: null, appleArch: null, triple: 'mips-linux-gnu', debian: 'mips', debianGcc: 'gcc-mips-linux-gnu', archLinuxGcc: null, fedoraGcc: null, brew: null, zig: 'mips-linux-gnueabihf', oci: 'linux/mips', qemu: 'mips', runner: null, macRunner: null }),
  // Debian has no loongarch64 cross gcc package in the releases GitHub runners use (Ubuntu 22.04/24.04): zig is the way.
  loong64: arch({ goarch: 'loong64', uname: ['loongarch64'], elfMachine: 258, elfClass: 64, machO: null, appleArch: null, triple: 'loongarch64-linux-gnu', debian: 'loong64', debianGcc: null, archLinuxGcc: null, fedoraGcc: null, brew: null, zig: 'loongarch64-linux-gnu', oci: 'linux/loong64', qemu: 'loongarch64', runner: null, macRunner: null }),
};
