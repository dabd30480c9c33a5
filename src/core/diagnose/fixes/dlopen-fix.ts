import { ARCHES } from '../arch-table.js';
import type { FixContext, FixStrategy } from '../fix-context.js';
import { crossCompiler, plan } from './fix-helpers.js';

/** A shared library or plugin of the wrong architecture loaded at run time. */
export const dlopenFix: FixStrategy = {
  class: 'dlopen-arch-mismatch',
  build(ctx: FixContext) {
    const lib = ctx.facts.lib ?? ctx.facts.libPath ?? null;
    const want = ctx.target?.goarch ?? ctx.host?.goarch ?? null;
    const base = lib?.split('/').pop() ?? null;
    const rebuild = base ? findLibraryBuild(ctx, base) : null;
    const commands: string[] = [];
    let summary: string;
    if (rebuild && want) {
      const cc = want === ctx.host?.goarch ? 'gcc' : (crossCompiler(want) ?? 'gcc');
      commands.push(rebuild.replace(/^(\S*?)(?:[\w.-]+-linux-gnu\w*-)?(gcc|cc|clang)(\s)/, `$1${cc}$3`));
      const rerun = ctx.failingCommand && !ctx.failingCommand.includes(rebuild) ? ctx.failingCommand : null;
      if (rerun) commands.push(rerun);
      summary = `Build ${base} for ${want}, the architecture of the process that loads it.`;
    } else if (lib && want && ARCHES[want] && /^\/(usr\/)?lib/.test(lib)) {
      commands.push(`file ${lib}`, `dpkg -S ${lib}`, `sudo dpkg --add-architecture ${ARCHES[want].debian}`, 'sudo apt-get update', `# reinstall the package that owns ${base}: sudo apt-get install -y <package>:${ARCHES[want].debian}`);
      summary = `Install the ${want} build of the package that provides ${base}.`;
    } else {
      commands.push(...(lib ? [`file ${lib}`] : []), 'go env GOARCH');
      summary = `Rebuild or reinstall ${base ?? 'the library'} for ${want ?? "the process's architecture"}; a process can only load libraries of its own architecture.`;
    }
    const alternatives = [];
    if (want && ctx.facts.libArch && ctx.facts.libArch !== want) {
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
      if (/(?:^|\s|\/)(?:[\w.-]+-)?(?:gcc|cc|clang)\s/.test(p) && p.includes(base) && /-shared|-buildmode=(?:c-shared|plugin)/.test(p)) return p;
    }
  }
  return null;
}
