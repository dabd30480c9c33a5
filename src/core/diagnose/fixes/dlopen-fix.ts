import { ARCHES, toGoarch } from '../../platform/index.js';
import type { FixContext, FixStrategy } from '../fix-context.js';
import type { FixPlan } from '../../model/incident.js';
import { crossCompiler, plan } from './fix-helpers.js';

/** A shared library or plugin of the wrong architecture loaded at run time. */
export const dlopenFix: FixStrategy = {
  class: 'dlopen-arch-mismatch',
  build(ctx: FixContext) {
    const lib = ctx.facts.lib ?? ctx.facts.libPath ?? null;
    // The library must match the process that loads it: the host's architecture (or the one dyld/JNI says it needs).
    const want = (ctx.facts.need ? toGoarch(ctx.facts.need.replace(/\s/g, '')) : null) ?? ctx.host?.goarch ?? null;
    const base = lib?.split('/').pop() ?? null;
    const rebuild = base ? findLibraryBuild(ctx, base) : null;
    const commands: string[] = [];
    let summary: string;
    const eco = ctx.situation.ecosystem?.value ?? null;
    if (eco === 'node' || eco === 'python' || eco === 'java') return otherEcosystem(eco, ctx, lib, want);
    if (ctx.facts.libExt === 'dll' || /\.dll$/i.test(base ?? '')) return windowsDll(ctx, base, want);
    if (rebuild && want) {
      const cc = want === ctx.host?.goarch ? 'gcc' : (crossCompiler(want) ?? 'gcc');
      commands.push(rebuild.replace(/^\S+/, cc));
      // Then the rest of the step, as it was: build and run the program that loads the library.
      const script = ctx.step?.script.map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#')) ?? [];
      const after = script.slice(script.findIndex((l) => l.includes(rebuild)) + 1);
      if (script.some((l) => l.includes(rebuild)) && after.length > 0) commands.push(...after);
      else if (ctx.failingCommand && !ctx.failingCommand.includes(rebuild)) commands.push(ctx.failingCommand);
      summary = `Build ${base} for ${want}, the architecture of the process that loads it.`;
    } else if (lib && want && ARCHES[want] && /^\/(usr\/)?lib/.test(lib)) {
      const deb = ARCHES[want].debian;
      commands.push(`file ${lib}`, `sudo dpkg --add-architecture ${deb}`, 'sudo apt-get update', `sudo apt-get install -y --reinstall "$(dpkg -S ${lib} | cut -d: -f1):${deb}"`);
      summary = `Install the ${want} build of the package that provides ${base}.`;
    } else {
      commands.push(...(lib ? [`file ${lib}`] : []), 'go env GOARCH');
      summary = `Rebuild or reinstall ${base ?? 'the library'} for ${want ?? "the process's architecture"}; a process can only load libraries of its own architecture.`;
    }
    const alternatives = [];
    if (want && ctx.facts.libArch && ctx.facts.libArch !== want && !rebuild) {
      alternatives.push(plan(`Build the program for ${ctx.facts.libArch} instead, to match the library.`, [`GOARCH=${ctx.facts.libArch} go build ./...`], 'when the library is the one that must not change'));
    }
    return { fix: plan(summary, commands), alternatives };
  },
};

/**
 * Windows refused a DLL of another machine type. The usual case is a 32-bit vendor DLL and a Go program built
 * with the default GOARCH=amd64: build the program for the DLL's architecture, set with `go env -w` so the
 * same command works in cmd, PowerShell and Git Bash (`go env -u GOARCH` restores the default).
 */
function windowsDll(ctx: FixContext, base: string | null, want: string | null): { fix: FixPlan; alternatives: FixPlan[] } {
  const libArch = ctx.facts.libArch && ARCHES[ctx.facts.libArch] ? ctx.facts.libArch : null;
  const goarch = libArch ?? (want === '386' ? 'amd64' : '386');
  const user = ctx.situation.userCommand?.value ?? ctx.failingCommand ?? null;
  const rerun = user && /^go (?:run|build|test|install)\b/.test(user) ? [user] : ['go build ./...'];
  const dll = base ?? 'the DLL';
  const fix = plan(
    `${dll} is not built for the Go program's architecture${libArch ? ` (it is ${libArch})` : want ? ` (${want})` : ', which is amd64 by default'}: build the program for ${goarch}${libArch ? '' : ', the architecture of most DLLs that a 64-bit program cannot load'}, then run it again (\`go env -u GOARCH\` restores the default).`,
    ['go env GOARCH', `go env -w GOARCH=${goarch}`, ...rerun],
  );
  const alternatives = [plan(`Use a build of ${dll} for the program's architecture (${want ?? 'amd64'}) from its vendor instead.`, [], 'when the program must stay 64-bit')];
  if (goarch === '386') alternatives.push(plan('With cgo, the 32-bit build also needs a 32-bit MinGW C compiler.', ['go env -w CGO_ENABLED=1 CC=i686-w64-mingw32-gcc', ...rerun], 'when the program uses cgo'));
  return { fix, alternatives };
}

/** A native module of another language's package: that ecosystem's own rebuild, for the process's architecture. */
function otherEcosystem(eco: 'node' | 'python' | 'java', ctx: FixContext, lib: string | null, want: string | null): { fix: FixPlan; alternatives: FixPlan[] } {
  const user = ctx.situation.userCommand?.value ?? null;
  const rerun = user ? [user] : [];
  if (eco === 'node') {
    return {
      fix: plan(`Rebuild the Node.js native addons for the architecture of the node that loads them${want ? ` (${want})` : ''}: node_modules was installed on another machine or for another arch.`, ['node -p process.arch', 'npm rebuild', ...rerun]),
      alternatives: [plan('Reinstall the dependencies from scratch on this machine.', ['rm -rf node_modules', 'npm ci', ...rerun], 'when node_modules was copied in (a Docker COPY or a cache from another runner)')],
    };
  }
  if (eco === 'python') {
    const pkg = /site-packages\/([A-Za-z0-9_.-]+)\//.exec(lib ?? '')?.[1] ?? null;
    const reinstall = pkg ? `python3 -m pip install --force-reinstall --no-cache-dir ${pkg}` : 'python3 -m pip install --force-reinstall --no-cache-dir -r requirements.txt';
    return {
      fix: plan(`Reinstall the wheel for this interpreter's platform${want ? ` (${want})` : ''}: pip installed a wheel built for another architecture.`, ['python3 -c "import platform, sysconfig; print(platform.machine(), sysconfig.get_platform())"', reinstall, ...rerun]),
      alternatives: [plan('Download wheels for a target platform explicitly (when preparing them on another machine).', [`python3 -m pip download --only-binary=:all: --platform ${want === 'arm64' ? 'manylinux2014_aarch64' : 'manylinux2014_x86_64'} -d wheels ${pkg ?? '-r requirements.txt'}`], 'when building a bundle for another machine')],
    };
  }
  return {
    fix: plan(`The JVM is ${want ?? 'another architecture'} and the native library ${lib ?? ''} is not: use the build of the library for the JVM's architecture (or a JDK of the library's).`.replace(/ {2,}/g, ' '), ['java -XshowSettings:properties -version 2>&1 | grep -E "os.arch|java.home"', ...(lib ? [`file ${lib}`] : []), ...rerun]),
    alternatives: [],
  };
}

/** A compiler command in the step that produced the library (`cc -shared -o libplugin.so plugin.c`). */
function findLibraryBuild(ctx: FixContext, base: string): string | null {
  for (const line of [...(ctx.step?.script ?? []), ...(ctx.failingCommand ? [ctx.failingCommand] : [])]) {
    for (const part of line.split(/&&|;/)) {
      const p = part.trim();
      if (/^(?:\S*\/)?(?:[\w.-]+-)?(?:gcc|cc|clang)(?:-\d+)?\s/.test(p) && p.includes(base) && /-shared|-buildmode=(?:c-shared|plugin)/.test(p)) return p;
    }
  }
  return null;
}
