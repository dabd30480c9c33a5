import type { FixPlan, Platform } from '../../model/incident.js';
import { ARCHES, crossCompilerFor } from '../../platform/index.js';
import { findGoInvocation, withGoEnv } from '../shell-command.js';
import type { FixContext } from '../fix-context.js';

/** `linux/arm64`, or `linux/arm/v7`. */
export function platformString(p: Platform | null, fallbackArch = '?'): string {
  const base = `${p?.goos ?? 'linux'}/${p?.goarch ?? fallbackArch}`;
  return p?.variant ? `${base}/${p.variant}` : base;
}

/** The Debian/Ubuntu package of the cross C compiler for a GOARCH on Linux. */
export function crossCompilerPackage(goarch: string): string | null {
  return crossCompilerFor({ goos: 'linux', goarch })?.package ?? null;
}

/** The CC of the cross compiler for a target: the GNU triple's gcc (mingw for windows), whether or not a package ships it. */
export function crossCompiler(goarch: string, goos = 'linux'): string | null {
  if (goos === 'windows') return crossCompilerFor({ goos, goarch })?.cc ?? null;
  if (goos !== 'linux') return null;
  const a = ARCHES[goarch];
  return a ? `${a.triple}-gcc` : null;
}

export function crossCompilerPackageFor(goarch: string, goos = 'linux'): string | null {
  return crossCompilerFor({ goos, goarch })?.package ?? null;
}

export const APT_UPDATE = 'sudo apt-get update';

/**
 * The go invocation of the failing step; else the failing build command itself when it is a build driver
 * (make, goreleaser, a script: it passes the environment on to go); else a default that builds every package.
 */
export function goInvocation(ctx: FixContext, fallback = 'go build ./...'): string {
  const fromFailing = ctx.failingCommand ? findGoInvocation(ctx.failingCommand) : null;
  if (fromFailing) return fromFailing;
  const driver = ctx.failingCommand && /^(?:\S+=\S*\s+)*(?:make|goreleaser|mage|task|just|\.\/\S+\.sh|bash\s+\S+\.sh)\b/.test(ctx.failingCommand) ? ctx.failingCommand : null;
  return driver ?? ctx.goCommand ?? fallback;
}

/** The go invocation with exactly this environment (other leading assignments kept). */
export function goWithEnv(ctx: FixContext, env: Record<string, string | null>, fallback?: string): string {
  return withGoEnv(goInvocation(ctx, fallback), env);
}


/** Env for a cgo cross build to `target` with the Debian cross compiler. */
export function cgoCrossEnv(target: Platform, extra: Record<string, string | null> = {}): Record<string, string | null> {
  const goos = target.goos ?? 'linux';
  const goarch = target.goarch ?? 'amd64';
  return {
    CGO_ENABLED: '1',
    CC: crossCompiler(goarch, goos),
    GOOS: goos,
    GOARCH: goarch,
    GOARM: goarch === 'arm' ? (target.variant?.replace(/^v/, '') ?? '7') : null,
    ...extra,
  };
}

export function plan(summary: string, commands: string[], when?: string): FixPlan {
  return when === undefined ? { summary, commands } : { summary, commands, when };
}

/** Zig's target triple for a Go platform (zig cc -target ...). */
export function zigTarget(goarch: string, goos: string): string {
  if (goos === 'linux') return ARCHES[goarch]?.zig ?? `${goarch}-linux-gnu`;
  const arch = ARCHES[goarch]?.zig.split('-')[0] ?? goarch;
  return `${arch}-${goos === 'darwin' ? 'macos' : goos}`;
}
