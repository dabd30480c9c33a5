import type { FixContext, FixStrategy } from '../fix-context.js';
import { crossCompilerFor } from '../../platform/index.js';
import { APT_UPDATE, cgoCrossEnv, crossCompilerPackageFor, goWithEnv, plan, platformString, zigTarget } from './fix-helpers.js';

/** Code that needs cgo was built with cgo off. */
export const cgoDisabledFix: FixStrategy = {
  class: 'cgo-disabled',
  build(ctx: FixContext) {
    // A cross build (known platforms that differ, or GOOS/GOARCH chosen on an unknown host): keep its target, or
    // the fix builds for the host.
    const cross = ctx.cross === true;
    const alternatives = [];
    let fix;
    if (cross && ctx.target?.goarch) {
      const goos = ctx.target.goos ?? 'linux';
      const what = `Turn cgo on for the ${platformString(ctx.target)} cross build and give it a C cross compiler (Go turns cgo off when cross-compiling without CC).`;
      if (ctx.host?.goos === 'darwin') {
        // On a Mac: Homebrew's cross toolchain (mingw-w64 for Windows), or zig, never apt.
        const cc = crossCompilerFor({ goos, goarch: ctx.target.goarch }, 'brew');
        const env = cgoCrossEnv({ ...ctx.target, goos });
        // Apple's clang builds for both Mac CPUs (cgo passes -arch for GOARCH): nothing to install.
        if (goos === 'darwin') fix = plan(what, [goWithEnv(ctx, { ...env, CC: 'clang' })]);
        else fix = cc
          ? plan(what, [`brew install ${cc.package}`, goWithEnv(ctx, { ...env, CC: cc.cc })])
          : plan(what, ['brew install zig', goWithEnv(ctx, { ...env, CC: `zig cc -target ${zigTarget(ctx.target.goarch, goos)}` })]);
      } else {
        const pkg = crossCompilerPackageFor(ctx.target.goarch, goos);
        fix = plan(what, [...(pkg ? [APT_UPDATE, `sudo apt-get install -y ${pkg}`] : []), goWithEnv(ctx, cgoCrossEnv({ ...ctx.target, goos }))]);
      }
    } else {
      fix = plan('Build with cgo enabled (CGO_ENABLED=1) and a C compiler on PATH.', [goWithEnv(ctx, { CGO_ENABLED: '1' })]);
    }
    if (/sqlite3/.test(ctx.facts.package ?? '') || /go-sqlite3/.test(ctx.evidenceText ?? '')) {
      alternatives.push(plan('Switch to a pure-Go SQLite driver so the binary needs no cgo.', ['go get modernc.org/sqlite', goWithEnv(ctx, { CGO_ENABLED: '0' })], 'when a static, cgo-free binary matters more than the mattn/go-sqlite3 driver'));
    }
    alternatives.push(plan('Find which packages need cgo, to decide whether they can be dropped for this target.', ['go list -deps -f \'{{if .CgoFiles}}{{.ImportPath}}{{end}}\' ./...'], 'to see what requires cgo before choosing'));
    return { fix, alternatives };
  },
};
