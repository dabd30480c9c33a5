import type { FixPlan, Platform } from '../../model/incident.js';
import type { PackageManager } from '../../platform/index.js';
import { ARCHES, crossCompilerFor, devPackageFor, installCommand } from '../../platform/index.js';
import type { FixContext, FixStrategy } from '../fix-context.js';
import { leadingAssignments } from '../shell-command.js';
import { APT_UPDATE, cgoCrossEnv, crossCompiler, crossCompilerPackageFor, goInvocation, goWithEnv, plan, platformString, zigTarget } from './fix-helpers.js';

/** The C toolchain failed while cross-compiling cgo code. */
export const cgoCrossLinkerFix: FixStrategy = {
  class: 'cgo-cross-linker',
  build(ctx: FixContext) {
    const s = ctx.situation;
    // The target: the log's, else the architecture of the objects the linker could not use (EM: 21 is ppc64le).
    const target = ctx.target?.goarch ? ctx.target : (targetFromFacts(ctx) ?? (ctx.facts.libArch && ARCHES[ctx.facts.libArch] ? { goos: 'linux', goarch: ctx.facts.libArch } : null));
    if (!target?.goarch) {
      // Nothing in the log names the target: find it out first, then build with the cross compiler for it.
      return {
        fix: plan('The log does not say which platform this cross build targets: print the build\'s GOOS, GOARCH and CC, then set CC to the C cross compiler for that GOARCH (aarch64-linux-gnu-gcc for arm64, arm-linux-gnueabihf-gcc for arm, x86_64-linux-gnu-gcc for amd64).', ['go env GOOS GOARCH CC CGO_ENABLED', goInvocation(ctx)]),
        alternatives: [],
      };
    }
    const pm = s.packageManager?.value ?? 'apt';
    const hostOs = s.hostOs?.value ?? null;
    if ((target.goos ?? 'linux') === 'darwin' || hostOs === 'darwin') return darwinPlan(ctx, target);
    if (pm !== 'apt') return otherHostPlan(ctx, target, pm);
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
    // mold names only the refused object ("fastsum.o", an archive member): the project's own, unless it is
    // one of Go's temporary link objects.
    const object = ctx.facts.object ?? null;
    const libPath = ctx.facts.libPath ?? (object !== null && !/(?:^|\/)(?:tmp|go-link-\d+|go-build\d*)\//.test(object) ? object : null);
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
  const makes = builds.filter((b) => /^make\b/.test(b));
  // A bare file name (mold prints the archive member alone) says no directory: only a single make is that build.
  const make = dir === '' && makes.length === 1 ? makes[0] : makes.find((b) => {
    const c = /-C\s+(\S+)/.exec(b)?.[1];
    return !c || dir.endsWith(c.replace(/\/$/, '')) || dir.includes(`/${c.replace(/^\.\//, '').replace(/\/$/, '')}`);
  });
  if (make) return `${make.replace(/\s(?:CC|AR)=\S+/g, '')} -B CC=${cc} AR=${ar}`;
  const base = libPath.split('/').pop()?.replace(/^lib/, '').replace(/\.(?:a|so[\d.]*)$/, '') ?? '';
  const compile = builds.find((b) => /^(?:\S*\/)?(?:[\w.-]+-)?(?:gcc|cc|clang)\s/.test(b) && b.includes(base));
  return compile ? compile.replace(/^\S+/, cc) : null;
}

/** On macOS: Xcode's clang builds for both arm64 and amd64; what is wrong is a library or object of the other arch. */
function darwinPlan(ctx: FixContext, target: Platform): { fix: FixPlan; alternatives: FixPlan[] } {
  const goarch = target.goarch ?? 'arm64';
  const goos = target.goos ?? 'darwin';
  const apple = ARCHES[goarch]?.appleArch ?? goarch;
  const lib = ctx.facts.libPath && !/^\/(?:var\/folders|tmp)\//.test(ctx.facts.libPath) ? ctx.facts.libPath : null;
  if (ctx.facts.builtFor && ctx.facts.buildingFor) return applePlatformPlan(ctx);
  if (goos !== 'darwin') {
    // A Linux (or other) target built on macOS: Homebrew's cross toolchain or zig, never apt.
    const cc = crossCompilerFor({ goos, goarch }, 'brew');
    const commands = cc ? [`brew install ${cc.package}`, goWithEnv(ctx, { ...cgoCrossEnv({ ...target, goos }), CC: cc.cc })] : ['brew install zig', goWithEnv(ctx, { ...cgoCrossEnv({ ...target, goos }), CC: `zig cc -target ${zigTarget(goarch, goos)}` })];
    return {
      fix: plan(`Install a ${goos}/${goarch} C cross toolchain with Homebrew and point cgo at it with CC.`, commands),
      alternatives: [plan('Use Zig as the C cross compiler.', ['brew install zig', goWithEnv(ctx, { ...cgoCrossEnv({ ...target, goos }), CC: `zig cc -target ${zigTarget(goarch, goos)}` })], 'when the C dependencies build from source')],
    };
  }
  const commands = [...(lib ? [`lipo -archs ${lib}`] : []), 'go env CC CGO_CFLAGS CGO_LDFLAGS', goWithEnv(ctx, { CGO_ENABLED: '1', CC: 'clang', GOOS: 'darwin', GOARCH: goarch, CGO_CFLAGS: null, CGO_LDFLAGS: null })];
  const alternatives: FixPlan[] = [];
  const runner = ARCHES[goarch]?.macRunner;
  if (runner) alternatives.push(plan(`Build on a native ${goarch} macOS runner, where Homebrew's libraries are ${apple}.`, [`# in the workflow job: runs-on: ${runner}`, goWithEnv(ctx, { CGO_ENABLED: '1', GOOS: null, GOARCH: null })], 'in GitHub Actions'));
  alternatives.push(plan(`Install the ${apple} build of the Homebrew libraries (${apple === 'x86_64' ? '/usr/local' : '/opt/homebrew'}).`, [apple === 'x86_64' ? `arch -x86_64 /usr/local/bin/brew install ${ctx.facts.lib ?? 'pkg-config'}` : `arch -arm64 /opt/homebrew/bin/brew install ${ctx.facts.lib ?? 'pkg-config'}`], 'when a Homebrew library is the one built for the other architecture'));
  return {
    fix: plan(`Something linked into this darwin/${goarch} build was built for ${ctx.facts.libArch ?? 'the other architecture'}: check the library's architectures with lipo, and build with Xcode's clang (cgo passes -arch ${apple}) and no CGO flags that force the other one.`, commands),
    alternatives,
  };
}

/**
 * ld64 refused an object of another Apple platform (an iOS device arm64 slice in a simulator build): one
 * library per platform, packed as an XCFramework; gomobile makes one itself.
 */
function applePlatformPlan(ctx: FixContext): { fix: FixPlan; alternatives: FixPlan[] } {
  const want = ctx.facts.buildingFor ?? 'the simulator';
  const got = ctx.facts.builtFor ?? 'another platform';
  const gomobile = /\bgomobile\b/.test(`${ctx.failingCommand ?? ''}\n${ctx.situation.userCommand?.value ?? ''}\n${(ctx.step?.script ?? []).join('\n')}`);
  const summary = `A library in this ${want} build was built for ${got}: arm64 is both a device and a simulator architecture, so each platform needs its own build, shipped together as an XCFramework.`;
  if (gomobile) {
    return {
      fix: plan(`${summary} Current gomobile makes one per platform.`, ['go install golang.org/x/mobile/cmd/gomobile@latest', 'gomobile init', 'gomobile bind -target=ios,iossimulator ./...']),
      alternatives: [],
    };
  }
  return {
    fix: plan(`${summary} Rebuild the library for ${want} (for a cgo c-archive: with the ${/simulator/i.test(want) ? 'iphonesimulator' : 'matching'} SDK's clang) and link the XCFramework instead of the single-platform library.`, ['xcrun --sdk iphonesimulator --show-sdk-path', 'xcodebuild -version']),
    alternatives: [plan('Exclude arm64 from simulator builds until the library ships a simulator slice (the simulator then runs x86_64 under Rosetta).', ['# Xcode build setting: EXCLUDED_ARCHS[sdk=iphonesimulator*] = arm64'], 'when the library cannot be rebuilt')],
  };
}

/** Alpine, Fedora, Arch: the host's own package manager; zig where it ships no glibc cross sysroot. */
function otherHostPlan(ctx: FixContext, target: Platform, pm: PackageManager): { fix: FixPlan; alternatives: FixPlan[] } {
  const goos = target.goos ?? 'linux';
  const goarch = target.goarch ?? 'arm64';
  const cc = crossCompilerFor({ goos, goarch }, pm);
  const zig = goWithEnv(ctx, { ...cgoCrossEnv({ ...target, goos }), CC: `zig cc -target ${zigTarget(goarch, goos)}` });
  const zigInstall = installCommand(pm, ['zig'], pm !== 'apk');
  if (cc) {
    return {
      fix: plan(`Install the ${goos}/${goarch} C cross compiler with ${pm} and point cgo at it with CC.`, [...installCommand(pm, [cc.package]), goWithEnv(ctx, { ...cgoCrossEnv({ ...target, goos }), CC: cc.cc })]),
      alternatives: [plan('Use Zig as the C cross compiler.', [...zigInstall, zig], 'when the C dependencies build from source')],
    };
  }
  return {
    fix: plan(`${pm} has no C cross compiler with a ${goos}/${goarch} C library: use Zig as the cross compiler (it brings the target's libc).`, [...zigInstall, zig]),
    alternatives: [],
  };
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

