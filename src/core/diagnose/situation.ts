import type { Platform } from '../model/incident.js';
import type { PackageManager } from '../platform/index.js';
import { toGoarch } from '../platform/index.js';

/** One fact a fix plan depends on, and where in the log it came from. */
export interface Fact<T> {
  value: T;
  /** The evidence: the log line, command or setting that says so. */
  from: string;
}

/** Where the failing build runs: the tool that passes GOOS/GOARCH on to go. */
export type BuildRunner = 'runner-shell' | 'dockerfile-run' | 'goreleaser' | 'make' | 'bazel' | 'script';

/** What the failing step is for: producing an artifact, or executing one. */
export type Purpose = 'ships' | 'executes';

/** The emulator that runs foreign binaries, when the log shows one. */
export type Emulator = 'none' | 'qemu' | 'qemu-broken' | 'rosetta';

/**
 * The facts a fix plan is a function of, each with its provenance. A null fact is unknown: the plan
 * then says, as a command, how to find it out before acting.
 */
export interface Situation {
  target: Fact<Platform> | null;
  host: Fact<Platform> | null;
  hostOs: Fact<'linux' | 'darwin' | 'windows' | 'other'> | null;
  packageManager: Fact<PackageManager> | null;
  runner: Fact<BuildRunner> | null;
  /** The wrapper script and the variable it derives GOARCH from (`TARGETS`), when the log shows them. */
  wrapper: Fact<{ script: string; variable: string | null }> | null;
  userCommand: Fact<string> | null;
  purpose: Fact<Purpose> | null;
  image: Fact<string> | null;
  /** The platforms the image publishes, when the log lists them. */
  imagePlatforms: Fact<string[]> | null;
  emulator: Fact<Emulator> | null;
  /** The language whose native module was loaded (dlopen class): go, java, python, node. */
  ecosystem: Fact<'go' | 'java' | 'python' | 'node'> | null;
}

/** What situation() reads: the incident's resolved context, all of it from the log. */
export interface SituationInput {
  host: Platform | null;
  target: Platform | null;
  facts: Record<string, string>;
  failingCommand: string | null;
  dockerCommand: string | null;
  docker: boolean;
  stepScript: string[];
  stepTitle: string | null;
  buildCommands: string[];
  evidenceText: string;
  /** The Dockerfile instruction of the failing BuildKit vertex, when there is one. */
  vertexInstruction: string | null;
  /** The last image the log names (`docker pull X`, `FROM X`). */
  namedImage: string | null;
}

const MACOS = /(?:^|[\s'"(])\/Users\/[\w.-]+\/|\/Applications\/Xcode[\w.-]*\.app\/|\bld64\b|Undefined symbols for architecture|\bmach-o\b|\/opt\/homebrew\/|\bxcrun\b|\bMacOSX[\d.]*\.sdk\b|\bdyld\b|\blipo\b/i;
const WINDOWS = /[A-Z]:\\(?:Users|hostedtoolcache|a\\)|\.exe\b.*is not a valid Win32|\bmingw32\b.*\bld\.exe\b/;
const PM: ReadonlyArray<[PackageManager, RegExp]> = [
  ['apk', /(?:^|[\s;&|(])apk (?:add|update|--no-cache)\b|\balpine\b/i],
  ['pacman', /(?:^|[\s;&|(])pacman -S|\bmakepkg\b|archlinux/i],
  ['dnf', /(?:^|[\s;&|(])(?:dnf|yum|microdnf) (?:-y )?install\b|\bfedora\b|\bubi[89]\b|\brockylinux\b|\balmalinux\b|\bcentos\b/i],
  ['brew', /(?:^|[\s;&|(])brew (?:install|update)\b/],
  ['apt', /(?:^|[\s;&|(])(?:apt-get|apt|dpkg) |\bdebian\b|\bubuntu\b|\bbookworm\b|\bbullseye\b|\bjammy\b|\bnoble\b/i],
];
const WRAPPER = /(?:^|[\s;&|(])(?<script>(?:bash |sh )?\.?\/?[\w./-]+\.sh)\b/;
const TOOL = /(?:^|[\s;&|(])(?:go (?:build|install|test|run|vet|generate)|make|goreleaser|bazel|bazelisk|docker (?:buildx )?build|docker run|\.?\/[\w./-]+\.sh|bash \S+\.sh|sh \S+\.sh)\b/;

/** The facts a fix plan needs, read from the incident's context. Pure: no I/O, nothing guessed. */
export function situation(input: SituationInput): Situation {
  const everything = [input.failingCommand ?? '', input.dockerCommand ?? '', ...input.stepScript, ...input.buildCommands, input.evidenceText, input.vertexInstruction ?? '', input.facts.image ?? ''].join('\n');
  return {
    target: input.target?.goarch ? { value: input.target, from: input.facts.platform ? `platform ${input.facts.platform}` : 'the failing build\'s GOOS/GOARCH, linker or evidence' } : null,
    host: input.host?.goarch || input.host?.goos ? { value: input.host, from: 'the runner (uname, runner image, go version or docker\'s host platform)' } : null,
    hostOs: hostOs(input, everything),
    packageManager: packageManager(input, everything),
    runner: runner(input),
    wrapper: wrapper(input),
    userCommand: userCommand(input),
    purpose: purpose(input),
    image: input.facts.image ? { value: input.facts.image, from: 'the image named in the log' } : (imageFromCommand(input) ?? (input.namedImage ? { value: input.namedImage, from: 'the image the log pulls or builds from' } : null)),
    imagePlatforms: null,
    emulator: emulator(everything),
    ecosystem: ecosystem(input),
  };
}

function hostOs(input: SituationInput, text: string): Situation['hostOs'] {
  if (input.docker) return { value: 'linux', from: 'a container build step' };
  const m = MACOS.exec(text);
  if (input.host?.goos === 'darwin') return { value: 'darwin', from: 'the runner is macOS' };
  if (m) return { value: 'darwin', from: `macOS toolchain output (${m[0].trim()})` };
  if (input.host?.goos === 'windows' || WINDOWS.test(text)) return { value: 'windows', from: 'the runner is Windows' };
  if (input.host?.goos === 'linux') return { value: 'linux', from: 'the runner is Linux' };
  if (/\/usr\/(?:lib|bin)\/|\blinux-gnu\b/.test(text)) return { value: 'linux', from: 'Linux paths in the log' };
  return null;
}

function packageManager(input: SituationInput, text: string): Situation['packageManager'] {
  const os = hostOs(input, text)?.value;
  if (os === 'darwin') return { value: 'brew', from: 'macOS host' };
  if (os === 'windows') return null;
  const own = [input.failingCommand ?? '', ...input.stepScript, input.vertexInstruction ?? '', input.facts.image ?? ''].join('\n');
  for (const [pm, re] of PM) {
    const m = re.exec(own);
    if (m) return { value: pm, from: m[0].trim() };
  }
  for (const [pm, re] of PM) {
    const m = re.exec(text);
    if (m && pm !== 'apt') return { value: pm, from: m[0].trim() };
  }
  // GitHub-hosted Linux runners are Ubuntu; a log that shows /usr/lib/<triple>/ multiarch paths is Debian-like.
  if (!input.docker && input.host?.goos === 'linux') return { value: 'apt', from: 'a Linux runner (Ubuntu)' };
  if (/\/usr\/lib\/[\w-]+-linux-gnu\w*\/|\/usr\/lib\/gcc-cross\//.test(text)) return { value: 'apt', from: 'Debian multiarch paths' };
  return null;
}

function runner(input: SituationInput): Situation['runner'] {
  const cmd = input.failingCommand ?? '';
  if (input.docker) return { value: 'dockerfile-run', from: input.vertexInstruction ?? input.dockerCommand ?? 'a container build' };
  if (/\bgoreleaser\b/.test(cmd)) return { value: 'goreleaser', from: cmd };
  if (/\bbazel(?:isk)?\b/.test(cmd)) return { value: 'bazel', from: cmd };
  if (/(?:^|[\s;&|(])make\b/.test(cmd)) return { value: 'make', from: cmd };
  if (WRAPPER.test(cmd)) return { value: 'script', from: cmd };
  if (cmd) return { value: 'runner-shell', from: cmd };
  return null;
}

function wrapper(input: SituationInput): Situation['wrapper'] {
  const cmd = input.failingCommand ?? '';
  const m = WRAPPER.exec(cmd);
  if (!m?.groups?.script || /\bgo (?:build|test|run|install)\b/.test(cmd.slice(0, m.index))) return null;
  const script = m.groups.script;
  // The variable the wrapper reads: an assignment in front of it, or in the step's env, that names platforms.
  const lead = /(?:^|\s)(?<v>[A-Z][A-Z0-9_]*)=(?<value>"[^"]*"|'[^']*'|\S+)/g;
  let variable: string | null = null;
  for (const line of [cmd, ...input.stepScript]) {
    for (let a = lead.exec(line); a; a = lead.exec(line)) {
      const v = a.groups?.v ?? '';
      if (v !== 'GOOS' && v !== 'GOARCH' && /(?:linux|darwin|windows)[/_-]|\b(?:arm64|amd64|armv?\d|386)\b/.test(a.groups?.value ?? '')) variable = v;
    }
  }
  return { value: { script, variable }, from: cmd };
}

function userCommand(input: SituationInput): Situation['userCommand'] {
  const cmd = input.docker ? (input.dockerCommand ?? input.failingCommand) : input.failingCommand;
  if (!cmd) return null;
  return { value: cmd, from: input.docker && input.dockerCommand ? 'the step\'s container build command' : 'the failing command' };
}

function purpose(input: SituationInput): Situation['purpose'] {
  if (input.facts.binary || /exec format|cannot execute binary|Exec format/i.test(input.evidenceText)) {
    return { value: 'executes', from: `the step executes ${input.facts.binary ?? 'a binary'}` };
  }
  const cmd = input.failingCommand ?? '';
  if (/\bgo (?:test|run)\b/.test(cmd)) return { value: 'executes', from: cmd };
  if (TOOL.test(cmd)) return { value: 'ships', from: cmd };
  return null;
}

function imageFromCommand(input: SituationInput): Situation['image'] {
  const from = /^FROM\s+(?:--platform=\S+\s+)?(?<image>[\w./:@-]+)/i.exec(input.vertexInstruction ?? '');
  if (from?.groups?.image && !/^\$/.test(from.groups.image)) return { value: from.groups.image, from: input.vertexInstruction ?? '' };
  const run = /\b(?:docker|podman) (?:run|pull|create)\b(?:\s+(?:--?[\w-]+(?:[= ](?!-)\S+)?))*\s+(?<image>[a-z0-9][\w./:@-]*)/.exec(input.dockerCommand ?? input.failingCommand ?? '');
  if (run?.groups?.image) return { value: run.groups.image, from: run[0] };
  return null;
}

function emulator(text: string): Situation['emulator'] {
  if (/rosetta/i.test(text)) return { value: 'rosetta', from: 'Rosetta in the log' };
  if (/qemu: uncaught target signal|qemu-\w+(?:-static)?: .*(?:Could not open|Invalid ELF)|SIGSEGV.*qemu/i.test(text)) return { value: 'qemu-broken', from: 'QEMU crashed' };
  if (/\bqemu-\w+/.test(text) || /setup-qemu-action|tonistiigi\/binfmt/.test(text)) return { value: 'qemu', from: 'QEMU in the log' };
  return null;
}

function ecosystem(input: SituationInput): Situation['ecosystem'] {
  const t = `${input.evidenceText}\n${input.facts.libPath ?? ''}\n${input.facts.lib ?? ''}`;
  if (/java\.lang\.UnsatisfiedLinkError|Can't load (?:AMD|IA|ARM)|\.jnilib\b|\bjava\b/.test(t) || input.facts.jvmArch) return { value: 'java', from: 'the JVM loaded it' };
  if (/\.cpython-|ImportError|site-packages|\bpip\b|\bwheel\b|\.pyd?\b/.test(t)) return { value: 'python', from: 'Python imported it' };
  if (/\.node\b|node_modules|\bnode-gyp\b|NODE_MODULE_VERSION/.test(t)) return { value: 'node', from: 'Node.js loaded it' };
  if (toGoarch(input.facts.need ?? '') !== null || input.failingCommand) return { value: 'go', from: 'a Go program' };
  return null;
}
