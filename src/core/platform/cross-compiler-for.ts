import { ARCHES } from './arch-table.js';
import type { PackageManager } from './package-manager.js';

/** A C cross compiler installable as one package on some host. */
export interface CrossCompiler {
  /** The package to install. */
  package: string;
  /** The compiler command to put in CC. */
  cc: string;
  goos: string;
  goarch: string;
}

const MINGW: Readonly<Record<string, { deb: string; cc: string; pacman: string; brew: string }>> = {
  amd64: { deb: 'gcc-mingw-w64-x86-64', cc: 'x86_64-w64-mingw32-gcc', pacman: 'mingw-w64-gcc', brew: 'mingw-w64' },
  '386': { deb: 'gcc-mingw-w64-i686', cc: 'i686-w64-mingw32-gcc', pacman: 'mingw-w64-gcc', brew: 'mingw-w64' },
};

/**
 * The cross compiler for a target on a host with `pm` (default Debian/Ubuntu apt), looked up by GOOS/GOARCH
 * or by the CC name the log shows (`aarch64-linux-gnu-gcc` → gcc-aarch64-linux-gnu). Null when that package
 * manager has no package that links user programs for the target (darwin, ios and android need an SDK;
 * Alpine and Fedora ship no target glibc sysroot: use zig there).
 */
export function crossCompilerFor(target: { goos: string | null; goarch: string | null; cc?: string | null }, pm: PackageManager = 'apt'): CrossCompiler | null {
  if (target.cc) {
    const all = [...Object.keys(ARCHES).map((g) => crossCompilerFor({ goos: 'linux', goarch: g }, pm)), ...Object.keys(MINGW).map((g) => crossCompilerFor({ goos: 'windows', goarch: g }, pm))];
    const byCc = all.find((c) => c?.cc === target.cc);
    if (byCc) return byCc;
  }
  if (!target.goarch) return null;
  const goos = target.goos ?? 'linux';
  const goarch = target.goarch;
  if (goos === 'windows') {
    const m = MINGW[goarch];
    if (!m) return null;
    const pkg = pm === 'apt' ? m.deb : pm === 'pacman' ? m.pacman : pm === 'brew' ? m.brew : pm === 'dnf' ? `mingw${goarch === '386' ? '32' : '64'}-gcc` : null;
    return pkg ? { package: pkg, cc: m.cc, goos, goarch } : null;
  }
  if (goos !== 'linux') return null;
  const a = ARCHES[goarch];
  if (!a) return null;
  if (pm === 'apt') return a.debianGcc ? { package: a.debianGcc, cc: `${a.triple}-gcc`, goos, goarch } : null;
  if (pm === 'pacman') return a.archLinuxGcc ? { package: a.archLinuxGcc, cc: `${a.triple}-gcc`, goos, goarch } : null;
  if (pm === 'brew') return a.brew ? { package: a.brew.formula, cc: a.brew.cc, goos, goarch } : null;
  return null;
}
