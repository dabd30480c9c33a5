import type { FixContext, FixStrategy } from '../fix-context.js';
import { plan } from './fix-helpers.js';

/** A container image without the requested platform, or run on a host of another platform. */
export const imagePlatformFix: FixStrategy = {
  class: 'image-platform-mismatch',
  build(ctx: FixContext) {
    const image = ctx.facts.image ?? null;
    const wanted = ctx.facts.platform ?? (ctx.target?.goarch ? `${ctx.target.goos ?? 'linux'}/${ctx.target.goarch}` : null);
    const hostPlatform = ctx.host?.goarch ? `${ctx.host.goos ?? 'linux'}/${ctx.host.goarch}` : null;
    const commands: string[] = [];
    if (image) commands.push(`docker buildx imagetools inspect ${image}`);
    const alternatives = [];
    let summary: string;
    if (image && hostPlatform && wanted && wanted !== hostPlatform) {
      commands.push(`docker pull --platform ${hostPlatform} ${image}`);
      summary = `${image} has no ${wanted} variant (or it is not the host's): see which platforms it publishes, and pull the one this ${hostPlatform} host runs natively.`;
      alternatives.push(plan(`Emulate ${wanted} with QEMU and keep the requested platform.`, ['docker run --privileged --rm tonistiigi/binfmt --install all', `docker pull --platform ${wanted} ${image}`], 'when the image must run as that platform and it does publish it'));
    } else {
      summary = `See which platforms ${image ?? 'the image'} publishes, then request one of them with --platform or use an image (tag) that has ${wanted ?? 'the platform you need'}.`;
      if (image && wanted) commands.push(`docker pull --platform linux/amd64 ${image}`);
    }
    alternatives.push(plan('Build the image for the missing platform yourself.', [`docker buildx build --platform ${wanted ?? 'linux/amd64,linux/arm64'} -t ${image ?? 'IMAGE'} .`], 'when you own the image'));
    return { fix: plan(summary, commands.length > 0 ? commands : ['docker buildx imagetools inspect IMAGE']), alternatives };
  },
};
