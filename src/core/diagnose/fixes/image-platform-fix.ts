import type { FixContext, FixStrategy } from '../fix-context.js';
import { plan } from './fix-helpers.js';

/** A container image without the requested platform, or run on a host of another platform. */
export const imagePlatformFix: FixStrategy = {
  class: 'image-platform-mismatch',
  build(ctx: FixContext) {
    const s = ctx.situation;
    const image = s.image?.value ?? null;
    const wanted = ctx.facts.platform ?? (ctx.target?.goarch ? `${ctx.target.goos ?? 'linux'}/${ctx.target.goarch}` : null);
    const hostPlatform = ctx.host?.goarch ? `${ctx.host.goos ?? 'linux'}/${ctx.host.goarch}` : null;
    const hostArch = ctx.host?.goarch ?? null;
    const wantedArch = wanted?.split('/')[1] ?? null;
    // Facts first: the image's platforms are not in the log, so the plan starts by listing them.
    const inspect = image ? `docker buildx imagetools inspect ${image}` : null;
    const user = s.userCommand?.value ?? null;
    const alternatives = [];
    let summary: string;
    const commands: string[] = [];
    if (!image) {
      // The log does not name the image: find it first (the FROM lines, or the pulled reference), then inspect it.
      commands.push("grep -n '^FROM' Dockerfile", "docker image ls --format '{{.Repository}}:{{.Tag}}'");
      // Then the user's own command again, with the tag that has the platform.
      if (user) commands.push(user);
      summary = `Find which image lacks ${wanted ?? 'the platform'} (the Dockerfile's FROM lines, or the pulled reference), then list the platforms it publishes with \`docker buildx imagetools inspect\` and use a tag that has ${wanted ?? 'it'}${user ? ', and run your command again' : ''}.`;
    } else if (hostPlatform && wanted && wantedArch !== hostArch) {
      // The image is for another platform than this host (warning): run the host's own variant.
      commands.push(inspect ?? '', rerunWithPlatform(user, image, hostPlatform));
      summary = `${image} was requested as ${wanted} on this ${hostPlatform} host: list the platforms it publishes, and run the host's own one.`;
      alternatives.push(plan(`Keep ${wanted} and emulate it with QEMU (only when ${image} does publish ${wanted}).`, ['docker run --privileged --rm tonistiigi/binfmt --install ' + (wantedArch ?? 'all'), rerunWithPlatform(user, image, wanted)], `when the image must run as ${wanted} and publishes it`));
    } else {
      commands.push(inspect ?? '');
      summary = `${image} publishes no ${wanted ?? 'such'} variant: list the platforms it has, then use a tag that has ${wanted ?? 'yours'} (or build it for ${wanted ?? 'that platform'}).`;
      if (user) commands.push(user);
    }
    alternatives.push(plan(`Build ${image ?? 'the image'} for ${wanted ?? 'the missing platform'} yourself and push it.`, [`docker buildx build --platform ${wanted ?? 'linux/amd64,linux/arm64'}${image ? ` -t ${image}` : ''} --push .`], 'when you own the image'));
    return { fix: plan(summary, commands.filter((c) => c !== '')), alternatives };
  },
};

/** The user's docker command with --platform set, else a pull of that platform. */
function rerunWithPlatform(user: string | null, image: string, platform: string): string {
  if (user && user.includes(image) && /\b(?:docker|podman) (?:run|pull|create)\b/.test(user)) {
    if (/--platform[= ]\S+/.test(user)) return user.replace(/--platform[= ]\S+/, `--platform=${platform}`);
    return user.replace(/\b((?:docker|podman) (?:run|pull|create))\b/, `$1 --platform=${platform}`);
  }
  return `docker pull --platform ${platform} ${image}`;
}
