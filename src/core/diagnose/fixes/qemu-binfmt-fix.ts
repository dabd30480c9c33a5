import type { FixContext, FixStrategy } from '../fix-context.js';
import { plan, platformString } from './fix-helpers.js';
import { ARCHES } from '../../platform/index.js';

/** A foreign-platform container step or binary ran with no emulator registered in binfmt_misc. */
export const qemuBinfmtFix: FixStrategy = {
  class: 'qemu-binfmt-missing',
  build(ctx: FixContext) {
    const arch = ctx.target?.goarch ?? null;
    const platform = ctx.facts.platform ?? (arch ? platformString(ctx.target) : null);
    const rerun = ctx.dockerCommand ?? (ctx.docker ? null : ctx.failingCommand);
    const install = `docker run --privileged --rm tonistiigi/binfmt --install ${arch ?? 'all'}`;
    const alternatives = [
      plan('In GitHub Actions, register QEMU with a step before docker/setup-buildx-action.', ['# - name: Set up QEMU', '#   uses: docker/setup-qemu-action@v3'], 'in a GitHub Actions workflow'),
    ];
    if (ctx.docker) {
      alternatives.push(
        plan(
          'Cross-compile in the Dockerfile instead of emulating: run the Go build on the build platform and only copy the binary into the target image.',
          ['# Dockerfile: FROM --platform=$BUILDPLATFORM golang:1.22 AS build', '# ARG TARGETOS TARGETARCH', '# RUN CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app .'],
          'when the foreign-platform RUN steps are the Go build (much faster than QEMU)',
        ),
      );
    }
    if (!ctx.docker && arch && ARCHES[arch]) {
      alternatives.push(plan(`Run the binary under qemu-${ARCHES[arch].qemu}-static explicitly.`, [`qemu-${ARCHES[arch].qemu}-static ${ctx.facts.binary ?? './app'}`], 'when only one command needs emulation'));
    }
    return {
      fix: plan(
        `Register QEMU emulators with binfmt_misc so ${platform ?? 'foreign-platform'} binaries can run on this ${ctx.host?.goarch ?? ''} host, then build again.`.replace(/ {2,}/g, ' '),
        [install, ...(rerun ? [rerun] : [])],
      ),
      alternatives,
    };
  },
};
