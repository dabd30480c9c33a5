/** A C cross compiler available as an Ubuntu package on GitHub-hosted runners. */
export interface CrossCompiler {
  /** apt package. */
  package: string;
  /** The compiler command to put in CC. */
  cc: string;
  goos: string;
  goarch: string;
}

const LINUX: Readonly<Record<string, CrossCompiler>> = {
  arm64: { package: 'gcc-aarch64-linux-gnu', cc: 'aarch64-linux-gnu-gcc', goos: 'linux', goarch: 'arm64' },
  arm: { package: 'gcc-arm-linux-gnueabihf', cc: 'arm-linux-gnueabihf-gcc', goos: 'linux', goarch: 'arm' },
  amd64: { package: 'gcc-x86-64-linux-gnu', cc: 'x86_64-linux-gnu-gcc', goos: 'linux', goarch: 'amd64' },
  '386': { package: 'gcc-i686-linux-gnu', cc: 'i686-linux-gnu-gcc', goos: 'linux', goarch: '386' },
  riscv64: { package: 'gcc-riscv64-linux-gnu', cc: 'riscv64-linux-gnu-gcc', goos: 'linux', goarch: 'riscv64' },
  ppc64le: { package: 'gcc-powerpc64le-linux-gnu', cc: 'powerpc64le-linux-gnu-gcc', goos: 'linux', goarch: 'ppc64le' },
  s390x: { package: 'gcc-s390x-linux-gnu', cc: 's390x-linux-gnu-gcc', goos: 'linux', goarch: 's390x' },
  mips64le: { package: 'gcc-mips64el-linux-gnuabi64', cc: 'mips64el-linux-gnuabi64-gcc', goos: 'linux', goarch: 'mips64le' },
  mipsle: { package: 'gcc-mipsel-linux-gnu', cc: 'mipsel-linux-gnu-gcc', goos: 'linux', goarch: 'mipsle' },
};

const WINDOWS: Readonly<Record<string, CrossCompiler>> = {
  amd64: { package: 'gcc-mingw-w64-x86-64', cc: 'x86_64-w64-mingw32-gcc', goos: 'windows', goarch: 'amd64' },
  '386': { package: 'gcc-mingw-w64-i686', cc: 'i686-w64-mingw32-gcc', goos: 'windows', goarch: '386' },
};

/**
 * The cross compiler for a target, looked up by GOOS/GOARCH or by the CC name the log shows
 * (`aarch64-linux-gnu-gcc` → package gcc-aarch64-linux-gnu). Null when Ubuntu has no package for it
 * (darwin, ios, android need an SDK; that is not a workflow edit).
 */
export function crossCompilerFor(target: { goos: string | null; goarch: string | null; cc?: string | null }): CrossCompiler | null {
  const all = [...Object.values(LINUX), ...Object.values(WINDOWS)];
  if (target.cc) {
    const byCc = all.find((c) => c.cc === target.cc);
    if (byCc) return byCc;
  }
  if (!target.goarch) return null;
  const goos = target.goos ?? 'linux';
  if (goos === 'linux') return LINUX[target.goarch] ?? null;
  if (goos === 'windows') return WINDOWS[target.goarch] ?? null;
  return null;
}
