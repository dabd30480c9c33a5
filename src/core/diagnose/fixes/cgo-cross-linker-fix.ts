import { ARCHES, devPackageFor } from '../../platform/index.js';
import type { FixContext, FixStrategy } from '../fix-context.js';
import { leadingAssignments } from '../shell-command.js';
import { APT_UPDATE, cgoCrossEnv, crossCompiler, crossCompilerPackageFor, goInvocation, goWithEnv, plan, platformString } from './fix-helpers.js';

/** The C toolchain failed while cross-compiling cgo code. */
export const cgoCrossLinkerFix: FixStrategy = {
  class: 'cgo-cross-linker',
  build(ctx: FixContext) {
    const target = ctx.target?.goarch ? ctx.target : targetFromFacts(ctx);
    if (!target?.goarch) {
      return {
        fix: plan('Set the target explicitly and use a C cross compiler for it.', ['go env GOOS GOARCH CC CGO_ENABLED', 'CGO_ENABLED=1 CC=aarch64-linux-gnu-gcc GOOS=linux GOARCH=arm64 go build ./...'], undefined),
        alternatives: [],
      };
    }
    const goos = target.goos ?? 'linux';
    const pkg = crossCompilerPackageFor(target.goarch, goos);
    const lib = ctx.facts.lib ?? null;
    const arch = ARCHES[target.goarch];
    const extra: Record<string, string | null> = {};
    const ldflags = wrongLdflags(ctx, target.goarch);
    if (ldflags !== undefined) extra.CGO_LDFLAGS = ldflags;
    const build = goWithEnv(ctx, cgoCrossEnv({ ...target, goos }, extra));
    const commands = [APT_UPDATE];
    let summary: string;
    const libPath = ctx.facts.libPath ?? null;
    const vendored = libPath !== null && !/^\/(?:usr\/)?lib(?:32|64)?\//.test(libPath);
    const cc = crossCompiler(target.goarch, goos);
    if (vendored && cc && pkg) {
      commands.push(`sudo apt-get install -y ${pkg}`);
      const rebuild = rebuildCommand(ctx, libPath, cc);
      commands.push(rebuild ?? `# rebuild ${libPath} with CC=${cc} AR=${cc.replace(/gcc$/, 'ar')} for ${platformString(target)}`);
      summary = `${libPath} was built for ${ctx.facts.libArch ?? 'the host'}: rebuild it with the ${target.goarch} cross compiler, then build with CC set to it.`;
    } else if (lib && arch && goos === 'linux') {
      const dev = devPackageFor(lib);
      commands.push(`sudo dpkg --add-architecture ${arch.debian}`, APT_UPDATE, `sudo apt-get install -y ${pkg ?? ''} ${dev}:${arch.debian}`.replace(/ {2,}/g, ' '));
      commands.splice(0, 1);
      summary = `Install the ${platformString(target)} build of lib${lib} (${dev}:${arch.debian}) and the ${target.goarch} C cross compiler, and link against those instead of the ${ctx.facts.libArch ?? 'host'} library.`;
    } else if (pkg) {
      commands.push(`sudo apt-get install -y ${pkg}`);
      summary = `Install the C cross compiler for ${platformString(target)} and point cgo at it with CC.`;
    } else {
      summary = `Use a C toolchain that targets ${platformString(target)}.`;
    }
    commands.push(build);
    const alternatives = [];
    if (arch?.runner) {
      alternatives.push(plan(`Build on a native ${target.goarch} runner, where the host gcc and libraries already match.`, [`# in the workflow job: runs-on: ${arch.runner}`, goWithEnv(ctx, { CGO_ENABLED: '1', CC: null, GOOS: null, GOARCH: null, GOARM: null })], 'in GitHub Actions, when a native runner is available'));
    }
    alternatives.push(plan('Use Zig as the C cross compiler (no target sysroot packages needed for libc).', [`CGO_ENABLED=1 CC="zig cc -target ${zigTarget(target.goarch, goos)}" GOOS=${goos} GOARCH=${target.goarch} ${goInvocation(ctx).replace(/^(?:\S+=\S*\s+)*/, '')}`], 'when Zig is installed and the C dependencies build from source'));
    if (!lib) {
      alternatives.push(plan('Drop cgo if the C code is optional for this target.', [goWithEnv(ctx, { CGO_ENABLED: '0', CC: null, GOOS: goos, GOARCH: target.goarch })], 'only when every package still builds without cgo (check for files that import "C")'));
    }
    return { fix: plan(summary, commands), alternatives };
  },
};

/**
 * The command that built the vendored library, redone with the cross toolchain: `make` gets CC/AR and -B
 * (rebuild everything); a direct compiler call gets the cross compiler.
 */
function rebuildCommand(ctx: FixContext, libPath: string, cc: string): string | null {
  const ar = cc.replace(/gcc$/, 'ar');
  const dir = libPath.split('/').slice(0, -1).join('/');
  const builds = [...(ctx.buildCommands ?? [])].reverse();
  const make = builds.find((b) => /^make\b/.test(b) && (() => {
    const c = /-C\s+(\S+)/.exec(b)?.[1];
    return !c || dir.endsWith(c.replace(/\/$/, '')) || dir.includes(`/${c.replace(/^\.\//, '').replace(/\/$/, '')}`);
  })());
  if (make) return `${make.replace(/\s(?:CC|AR)=\S+/g, '')} -B CC=${cc} AR=${ar}`;
  const base = libPath.split('/').pop()?.replace(/^lib/, '').replace(/\.(?:a|so[\d.]*)$/, '') ?? '';
  const compile = builds.find((b) => /^(?:\S*\/)?(?:[\w.-]+-)?(?:gcc|cc|clang)\s/.test(b) && b.includes(base));
  return compile ? compile.replace(/^\S+/, cc) : null;
}

function targetFromFacts(ctx: FixContext): { goos: string; goarch: string } | null {
  const g = ctx.facts.targetArch;
  return g ? { goos: 'linux', goarch: g } : null;
}

/** CGO_LDFLAGS pointing at another architecture's library directory: the same flags without that -L. */
function wrongLdflags(ctx: FixContext, goarch: string): string | null | undefined {
  const inline = ctx.failingCommand ? leadingAssignments(goInvocation(ctx)).CGO_LDFLAGS : undefined;
  const flags = inline ?? ctx.step?.env.CGO_LDFLAGS;
  if (!flags) return undefined;
  const own = ARCHES[goarch]?.triple;
  const kept = flags.split(/\s+/).filter((f) => {
    const m = /^-L\S*\/(x86_64|aarch64|arm|i386|i686|powerpc64le|s390x|riscv64)-linux-gnu\w*\/?$/.exec(f);
    return !m || (own !== undefined && own.startsWith(m[1] ?? ''));
  });
  const out = kept.join(' ');
  // An explicit empty value overrides CGO_LDFLAGS set in the step's env.
  return out === flags ? undefined : out;
}

function zigTarget(goarch: string, goos: string): string {
  if (goos === 'linux') return ARCHES[goarch]?.zig ?? `${goarch}-linux-gnu`;
  const arch = ARCHES[goarch]?.zig.split('-')[0] ?? goarch;
  return `${arch}-${goos === 'darwin' ? 'macos' : goos}`;
}
