import { ARCHES, toGoarch } from '../../platform/index.js';
import type { FixContext, FixStrategy } from '../fix-context.js';
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
      commands.push(`file ${lib}`, `dpkg -S ${lib}`, `sudo dpkg --add-architecture ${ARCHES[want].debian}`, 'sudo apt-get update', `# reinstall the package that owns ${base}: sudo apt-get install -y <package>:${ARCHES[want].debian}`);
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
