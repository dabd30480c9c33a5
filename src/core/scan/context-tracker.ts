import { promptCommand } from '../log/shell-prompt.js';
import type { Platform } from '../model/incident.js';
import type { NormalizedLine } from '../log/normalize-line.js';
import { toGoarch } from '../platform/index.js';

/** One CI step: an Actions `##[group]Run ...` block with its script, `with:` inputs and `env:`. */
export interface StepInfo {
  index: number;
  title: string;
  startLine: number;
  script: string[];
  env: Record<string, string>;
  with: Record<string, string>;
}

/** A BuildKit vertex header: `#12 [linux/arm64 builder 3/7] RUN go build ...`. */
export interface VertexInfo {
  platform: string | null;
  instruction: string;
}

/** What the log said about the build up to one line. Small and copied per match. */
export interface ContextSnapshot {
  step: StepInfo | null;
  vertex: VertexInfo | null;
  /** Last value of GOOS, GOARCH, CGO_ENABLED, CC... assigned anywhere before this line (env blocks, commands, go env). */
  assigned: Record<string, string>;
  /** Last `--platform`/`platforms:` value seen before this line. */
  platform: string | null;
  /** Line of the last sign of a container build or run before this line. */
  dockerLine: number | null;
  /** Architecture of files as reported by `file` (path → goarch). */
  fileArch: Record<string, string>;
  /** The last `go build|install|test|run` commands seen in step scripts or traces, oldest first. */
  goCommands: string[];
  /** Native build commands seen in step scripts (make, cmake, cc/gcc, ar), oldest first: how C dependencies were built. */
  buildCommands: string[];
  /** Values printed by `go env` (GOARCH="amd64"...): the toolchain's defaults, weaker than assignments. */
  goEnv: Record<string, string>;
  /** The Go toolchain's own platform. */
  toolchain: Platform | null;
  /** The last container image the log names (`docker pull|run IMAGE`, `FROM IMAGE`), when it names one. */
  image: string | null;
}

const GO_VERSION = /\bgo version go[\d.]+\w* (?<os>[a-z0-9]+)\/(?<arch>[a-z0-9]+)/;
const GO_ENV_LINE = /^\s*(?:set )?(?<key>GO[A-Z0-9_]+|CGO_[A-Z_]+|CC|CXX)=(?<q>["'])(?<value>[^"']*)\k<q>\s*$/;
const PKG_TOOL = /pkg\/tool\/(?<os>linux|darwin|windows|freebsd)_(?<arch>amd64|arm64|arm|386|ppc64le|s390x|riscv64)\//;
const PLATFORM_WARNING = /(?:requested image's platform \((?<image>[\w/]+)\) does not match the detected host platform|image platform \((?<image2>[\w/]+)\) does not match the expected platform) \((?<host>[\w/]+)\)/;
const IMAGE_ARCH = /[\s/_:-](aarch64|arm64v8|arm64|arm32v7|armhf|armv7|amd64|x86_64|i386|ppc64le|s390x|riscv64)(?=[\s/_:.-]|$)/;
const ASSIGN = /(?:^|[\s;&|(`"'])(?:export\s+|set\s+)?(?<key>GOOS|GOARCH|GOARM|GOAMD64|CGO_ENABLED|CC|CXX|CGO_LDFLAGS|CGO_CFLAGS)=(?<value>"[^"]*"|'[^']*'|[^\s;&|)`]*)/g;
const YAML_KV = /^\s+(?<key>[A-Za-z_][\w-]*): ?(?<value>.*)$/;
const PLATFORM_FLAG = /--platform[= ](?<value>[\w/.,$-]+)/;
const RUNNER_IMAGE = /^\s*Image: (?<image>[\w.-]+)\s*$/;
const TOOLCACHE = /hostedtoolcache[\\/]go[\\/][\d.]+[\\/](?<arch>x64|arm64|x86)\b|go-[\d.]+-(?<os>linux|darwin|win32|windows)-(?<arch2>x64|arm64|amd64|386)\.(?:tar\.gz|zip)/;
const UNAME_A = /^Linux \S+ \S+ .* (?<arch>x86_64|aarch64|armv7l|i686|ppc64le|s390x|riscv64) GNU\/Linux$/;
const VERTEX = /^\[(?:(?<platform>[a-z0-9]+\/[a-z0-9]+(?:\/v\d)?) )?[^\]]*\] (?<instr>.+)$/;
const DOCKER_SUMMARY = /^ ?> \[(?:(?<platform>[a-z0-9]+\/[a-z0-9]+(?:\/v\d)?) )?[^\]]*\] (?<instr>.+?):?$/;
const DOCKER_SIGNAL = /\b(?:docker (?:buildx |image )?(?:build|run|pull|create)|buildx|build-push-action|podman (?:build|run)|failed to solve|Step \d+\/\d+ : |\[internal\] load build definition)/i;
const FILE_OUTPUT = /^(?<path>[^:\s]+): ELF (?:32|64)-bit [LM]SB [\w -]+, (?<machine>x86-64|ARM aarch64|ARM|Intel 80386|Intel i386|IBM S\/390|64-bit PowerPC[^,]*|UCB RISC-V|MIPS[^,]*)/;

/**
 * Words (matched ASCII case-insensitively) without one of which no pattern of `observe` can match a line
 * outside a step's header, but for a BuildKit vertex header (`#12 [linux/arm64 2/3] RUN ...`, which the
 * scanner tells by its `#`): each pattern above and in observe/observeFacts needs at least one of them.
 * The scanner skips a plain printable line that holds none of them and no rule trigger without decoding it.
 * Edit together with the patterns.
 */
export const FACT_WORDS: readonly string[] = [
  // markers and sections: ##[group], GitLab's section_start, the runner header's Image:
  '##[', 'section_', 'image: ',
  // DOCKER_SUMMARY, DOCKER_SIGNAL, imageNamedIn (FROM_LINE, DOCKER_IMAGE_CMD)
  '> [', 'docker', 'buildx', 'build-push-action', 'podman', 'failed to solve', 'step ', '[internal] load build definition', 'from',
  // GO_VERSION, PKG_TOOL, TOOLCACHE (either form), UNAME_A, traced go commands, uname, Android's shell
  'go version go', 'pkg/tool/', 'hostedtoolcache', '.tar.gz', '.zip', 'gnu/linux', '+ ', '$ ', 'uname -', '/system/bin/sh:',
  // goreleaser's target=, lscpu, docker version's OS/Arch, the platform warning, gox, macOS home directories
  'target=', 'architecture:', 'os/arch:', 'does not match the', '--> ', '/users/',
  // GO_ENV_LINE (KEY="value"), ASSIGN's keys, PLATFORM_FLAG, FILE_OUTPUT
  '="', "='", 'goos=', 'goarch=', 'goarm=', 'goamd64=', 'cgo_enabled=', 'cc=', 'cxx=', 'cgo_ldflags=', 'cgo_cflags=', '--platform', ': elf ',
];

const MAX_STEP_SCRIPT = 200;
const MAX_VERTICES = 4096;

/**
 * Reads, from the whole log, what the build was: the runner's platform, the steps and their
 * environment, container build vertices and their platforms. The scanner feeds it the lines
 * that may carry such facts and every line inside a `Run` group.
 */
export class ContextTracker {
  private hostGoos: string | null = null;
  private hostGoarch: string | null = null;
  private hostStrength = 0;
  /** The OS a pasted session's prompt suggests (bash-3.2$ on macOS), used only when nothing else says. */
  private promptGoos: string | null = null;
  /** What the Go toolchain was built for (`go version`, GOHOSTARCH, pkg/tool/linux_amd64): its default target. */
  private toolGoos: string | null = null;
  private toolGoarch: string | null = null;
  private readonly goEnv: Record<string, string> = {};
  private readonly steps: StepInfo[] = [];
  private current: StepInfo | null = null;
  private section: 'script' | 'env' | 'with' | 'shell' | 'header' | null = null;
  private groupLines = 0;
  /** The current step's script lines came in the runner's script colour. */
  private echoed = false;
  private readonly assigned: Record<string, string> = {};
  private platform: string | null = null;
  private dockerLine: number | null = null;
  private readonly vertices = new Map<number, VertexInfo>();
  private summaryVertex: VertexInfo | null = null;
  private summaryLine = 0;
  private readonly fileArch: Record<string, string> = {};
  private unameLine = -10;
  private unameFlag = 'm';
  private feedNext = 0;
  private lastErrorVertex: number | null = null;
  private readonly goCommands: string[] = [];
  /**
   * The copies the last snapshot handed out, given again while the tracker's own state is unchanged: a log with
   * thousands of matches (the dense worst case) kept thousands of identical copies. Snapshots are never written to.
   */
  private readonly shared: Pick<ContextSnapshot, 'assigned' | 'fileArch' | 'goCommands' | 'buildCommands' | 'goEnv'> = { assigned: {}, fileArch: {}, goCommands: [], buildCommands: [], goEnv: {} };
  private readonly buildCommands: string[] = [];
  private image: string | null = null;

  private pushGoCommand(text: string): void {
    const cmd = text.trim().replace(/^\+ /, '');
    if (this.goCommands[this.goCommands.length - 1] === cmd) return;
    this.goCommands.push(cmd);
    if (this.goCommands.length > 20) this.goCommands.shift();
  }

  /** True while the scanner must hand over every line (inside a `Run` group header). */
  wantsEveryLine(): boolean {
    return this.feedNext > 0 || (this.section !== null && (this.section !== 'header' || this.groupLines < 40));
  }

  /** Container build vertices seen so far (number → platform and instruction). */
  vertexInfo(vertex: number): VertexInfo | null {
    return this.vertices.get(vertex) ?? null;
  }

  /** Reads one line; returns true when the line is part of a step's header (script, env, with), not output. */
  observe(n: NormalizedLine, line: number): boolean {
    const text = n.text;
    if (this.feedNext > 0) this.feedNext--;
    if (n.marker === 'group') {
      this.openGroup(text, line);
      return true;
    }
    if (n.marker === 'endgroup') {
      this.section = null;
      return true;
    }
    // A step header whose ##[endgroup] never comes (a truncated or cut log): once the runner has echoed the
    // script in its colour, the first line that is not echoed is the step's output.
    if (this.section === 'script' && n.scriptEcho) this.echoed = true;
    else if (this.section === 'script' && this.echoed && !/^(?:shell|env|with):/.test(text)) this.section = null;
    if (this.section !== null) {
      this.groupLines++;
      if (this.section === 'header') this.observeRunnerHeader(text);
      else {
        this.observeGroupLine(text);
        if (this.section !== 'shell') return true;
      }
    }
    if (n.vertex !== null) this.observeVertex(n.vertex, text, line);
    else {
      const summary = text.startsWith('>') || text.startsWith(' >') ? DOCKER_SUMMARY.exec(text) : null;
      if (summary?.groups) {
        this.summaryVertex = { platform: summary.groups.platform ?? null, instruction: summary.groups.instr ?? '' };
        // The summary names the platform of the vertex that failed, even when its header was not in the log.
        if (this.lastErrorVertex !== null && !this.vertices.get(this.lastErrorVertex)?.platform) this.vertices.set(this.lastErrorVertex, this.summaryVertex);
        this.summaryLine = line;
        this.dockerLine = line;
      }
    }
    if (DOCKER_SIGNAL.test(text)) this.dockerLine = line;
    this.observeFacts(text, n.vertex !== null, line);
    return false;
  }

  /**
   * Reads a line that the scanner saw hold none of FACT_WORDS (nor a marker): what observe would do with it,
   * which is to note a BuildKit vertex line (and its header). False when the tracker reads every line now.
   */
  observeQuiet(vertex: number | null, text: string, line: number): boolean {
    if (this.wantsEveryLine()) return false;
    if (this.section !== null) this.groupLines++;
    if (vertex !== null) this.observeVertex(vertex, text, line);
    return true;
  }

  /** Reads the facts of a message that a terminal wrapped over several lines, rejoined by the scanner. */
  observeWrapped(text: string, line: number, vertex: number | null): void {
    if (DOCKER_SIGNAL.test(text)) this.dockerLine = line;
    this.observeFacts(text, vertex !== null, line);
  }

  /** Where the build happens: the machine (uname, runner image, docker's host platform), else the toolchain's own platform. */
  host(): Platform | null {
    // A prompt's shape is the weakest sign of all: the toolchain's own platform (go version) wins over it.
    const goos = this.hostGoos ?? this.toolGoos ?? this.promptGoos;
    const goarch = this.hostGoarch ?? this.toolGoarch;
    if (!goos && !goarch) return null;
    return { goos, goarch };
  }

  /** The platform the Go toolchain itself is for, when the log shows it. */
  toolchain(): Platform | null {
    return this.toolGoos || this.toolGoarch ? { goos: this.toolGoos, goarch: this.toolGoarch } : null;
  }

  snapshot(line: number, vertex: number | null): ContextSnapshot {
    let v: VertexInfo | null = vertex !== null ? (this.vertices.get(vertex) ?? null) : null;
    if (!v && this.summaryVertex && line - this.summaryLine <= 12) v = this.summaryVertex;
    return {
      step: this.current ? { ...this.current, script: [...this.current.script], env: { ...this.current.env }, with: { ...this.current.with } } : null,
      vertex: v,
      assigned: this.shared.assigned = sameRecord(this.shared.assigned, this.assigned) ? this.shared.assigned : { ...this.assigned },
      platform: this.platform,
      dockerLine: this.dockerLine,
      fileArch: this.shared.fileArch = sameRecord(this.shared.fileArch, this.fileArch) ? this.shared.fileArch : { ...this.fileArch },
      goCommands: this.shared.goCommands = sameList(this.shared.goCommands, this.goCommands) ? this.shared.goCommands : [...this.goCommands],
      buildCommands: this.shared.buildCommands = sameList(this.shared.buildCommands, this.buildCommands) ? this.shared.buildCommands : [...this.buildCommands],
      goEnv: this.shared.goEnv = sameRecord(this.shared.goEnv, this.goEnv) ? this.shared.goEnv : { ...this.goEnv },
      toolchain: this.toolchain(),
      image: this.image,
    };
  }

  private openGroup(title: string, line: number): void {
    this.groupLines = 0;
    this.echoed = false;
    const run = /^Run (?<cmd>.+)$/.exec(title);
    if (!run?.groups) {
      this.section = 'header';
      return;
    }
    const step: StepInfo = { index: this.steps.length, title: run.groups.cmd ?? title, startLine: line, script: [], env: {}, with: {} };
    this.steps.push(step);
    if (this.steps.length > 64) this.steps.shift();
    this.current = step;
    this.section = 'script';
    if (/docker|buildx|build-push|podman/i.test(step.title)) this.dockerLine = line;
  }

  private observeGroupLine(text: string): void {
    const step = this.current;
    if (!step) return;
    if (/^shell: /.test(text)) {
      this.section = 'shell';
      return;
    }
    if (/^(env|with):\s*$/.test(text)) {
      this.section = text.startsWith('env') ? 'env' : 'with';
      return;
    }
    if (this.section === 'script') {
      if (step.script.length < MAX_STEP_SCRIPT) step.script.push(text);
      this.readAssignments(text);
      const p = PLATFORM_FLAG.exec(text);
      if (p?.groups?.value) this.platform = p.groups.value;
      if (/\bgo (?:build|install|test|run)\b/.test(text)) this.pushGoCommand(text);
      if (/(?:^|[\s;&])(?:make|cmake|ninja|ar|(?:[\w.-]+-)?(?:gcc|cc|clang))\s/.test(text)) {
        this.buildCommands.push(text.trim());
        if (this.buildCommands.length > 20) this.buildCommands.shift();
      }
      return;
    }
    if (this.section === 'shell') return;
    const kv = YAML_KV.exec(text);
    if (!kv?.groups) {
      this.section = 'shell';
      return;
    }
    const key = kv.groups.key ?? '';
    const value = unquote((kv.groups.value ?? '').trim());
    if (this.section === 'env') {
      step.env[key] = value;
      if (/^(GOOS|GOARCH|GOARM|CGO_ENABLED|CC|CXX|CGO_LDFLAGS|CGO_CFLAGS)$/.test(key)) this.assigned[key] = value;
    } else {
      step.with[key] = value;
      if (/^platforms?$/.test(key) && value) this.platform = value;
      if (/^(goos|goarch)$/i.test(key)) this.assigned[key.toUpperCase()] = value;
    }
  }

  private observeRunnerHeader(text: string): void {
    const img = RUNNER_IMAGE.exec(text);
    if (img?.groups?.image) {
      const p = platformOfRunnerImage(img.groups.image);
      if (p) this.setHost(p.goos, p.goarch, 4);
    }
  }

  private observeVertex(vertex: number, text: string, line: number): void {
    if (text.startsWith('ERROR:')) this.lastErrorVertex = vertex;
    // A vertex's first header names it: later ones (and every line of a vertex already known) are not parsed.
    const m = text.startsWith('[') && !this.vertices.has(vertex) ? VERTEX.exec(text) : null;
    if (m?.groups) {
      if (this.vertices.size >= MAX_VERTICES) this.vertices.clear();
      this.vertices.set(vertex, { platform: m.groups.platform ?? null, instruction: m.groups.instr ?? '' });
    }
    this.dockerLine = line;
  }

  private observeFacts(text: string, inContainer: boolean, line: number): void {
    this.observeImage(text);
    if (!inContainer) {
      const gv = text.includes('go version go') ? GO_VERSION.exec(text) : null;
      if (gv?.groups) this.setToolchain(gv.groups.os ?? null, gv.groups.arch ?? null);
      const tool = text.includes('pkg/tool/') ? PKG_TOOL.exec(text) : null;
      if (tool?.groups) this.setToolchain(tool.groups.os ?? null, tool.groups.arch ?? null);
      const tc = text.includes('hostedtoolcache') || text.includes('go-') ? TOOLCACHE.exec(text) : null;
      if (tc?.groups) {
        const arch = toGoarch(tc.groups.arch ?? tc.groups.arch2 ?? '');
        const os = tc.groups.os ? (tc.groups.os === 'win32' ? 'windows' : tc.groups.os) : null;
        this.setHost(os ?? this.hostGoos ?? 'linux', arch, 3);
      }
      const ua = text.includes('GNU/Linux') ? UNAME_A.exec(text) : null;
      if (ua?.groups?.arch) this.setHost('linux', toGoarch(ua.groups.arch), 5);
      if (text.startsWith('+ ') && /^\+ .*\bgo (?:build|install|test|run)\b/.test(text)) this.pushGoCommand(text);
      else if (text.includes('$ ')) {
        // Only prompts that end in "$ " (one of FACT_WORDS): the scanner skips lines without one of them.
        const prompt = promptCommand(text);
        if (prompt) {
          if (/\bgo (?:build|install|test|run)\b/.test(prompt.command)) this.pushGoCommand(prompt.command);
          // A prompt's shape is the weakest sign of the machine: anything the log prints about it wins.
          if (prompt.goos) this.promptGoos = prompt.goos;
        }
      }
      const un = text.includes('uname -') ? /^(?:.{0,80}?[$#>] |\+ |Run )?uname -(m|s|p)\b/.exec(text.trim()) : null;
      if (un) {
        this.unameLine = line;
        this.unameFlag = un[1] ?? 'm';
        this.feedNext = 2;
      } else if (line - this.unameLine <= 2) {
        const word = text.trim();
        if (this.unameFlag === 's') {
          if (/^(linux|darwin|freebsd)$/i.test(word)) this.setHost(word.toLowerCase(), this.hostGoarch, 5, true);
        } else {
          const arch = /^(x86_64|aarch64|arm64|armv7l|armv6l|i686|ppc64le|s390x|riscv64)$/.exec(word);
          if (arch?.[1]) this.setHost(this.hostGoos ?? 'linux', toGoarch(arch[1]), 5);
        }
      }
      if (!this.hostGoos && text.includes('/system/bin/sh:')) this.hostGoos = 'android';
      const grTarget = text.includes('target=') ? /\btarget=(?<os>linux|darwin|windows|freebsd)_(?<arch>amd64|arm64|arm|386|ppc64le|s390x|riscv64)\b/.exec(text) : null;
      if (grTarget?.groups) {
        this.assigned.GOOS = grTarget.groups.os ?? '';
        this.assigned.GOARCH = grTarget.groups.arch ?? '';
      }
      const lscpu = text.startsWith('Architecture:') ? /^Architecture:\s+(x86_64|aarch64|armv7l|armv6l|i686|ppc64le|s390x|riscv64)\s*$/.exec(text) : null;
      if (lscpu?.[1]) this.setHost(this.hostGoos ?? 'linux', toGoarch(lscpu[1]), 4);
      const osArch = text.includes('OS/Arch:') ? /^\s*OS\/Arch:\s+([a-z]+)\/([a-z0-9]+)\s*$/.exec(text) : null;
      if (osArch) this.setHost(osArch[1] ?? null, osArch[2] ?? null, 3);
      const warn = text.includes('does not match the') ? PLATFORM_WARNING.exec(text) : null;
      if (warn?.groups) {
        const [hos, harch] = (warn.groups.host ?? '').split('/');
        this.setHost(hos ?? null, harch ?? null, 4);
        const image = warn.groups.image ?? warn.groups.image2;
        if (image) this.assigned.IMAGE_PLATFORM = image;
      }
      const gox = text.startsWith('--> ') ? /^--> ([a-z0-9]+)\/([a-z0-9]+) error\b/.exec(text) : null;
      if (gox) {
        this.assigned.GOOS = gox[1] ?? '';
        this.assigned.GOARCH = gox[2] ?? '';
      }
      if (!this.hostGoos && !this.toolGoos && text.includes('/Users/') && /(?:^|\s)\/Users\/[\w.-]+\//.test(text)) this.toolGoos = 'darwin';
    }
    const env = text.includes('="') || text.includes("='") ? GO_ENV_LINE.exec(text) : null;
    if (env?.groups) {
      const key = env.groups.key ?? '';
      const value = env.groups.value ?? '';
      this.goEnv[key] = value;
      if (!inContainer && key === 'GOHOSTARCH') this.setToolchain(this.toolGoos, value);
      if (!inContainer && key === 'GOHOSTOS') this.setToolchain(value, this.toolGoarch);
    } else this.readAssignments(text);
    const p = text.includes('--platform') ? PLATFORM_FLAG.exec(text) : null;
    if (p?.groups?.value) this.platform = p.groups.value;
    if ((text.includes('docker ') || text.includes('podman ')) && /\b(?:docker|podman) (?:run|pull|create)\b/.test(text)) {
      const img = IMAGE_ARCH.exec(text);
      if (img?.[1]) this.assigned.IMAGE_ARCH = img[1];
    }
    const f = text.includes(': ELF ') ? FILE_OUTPUT.exec(text) : null;
    if (f?.groups?.path && f.groups.machine) {
      const arch = machineToGoarch(f.groups.machine);
      if (arch) {
        this.fileArch[f.groups.path] = arch;
        const keys = Object.keys(this.fileArch);
        if (keys.length > 256 && keys[0]) delete this.fileArch[keys[0]];
      }
    }
  }

  /** Remembers the image a `docker pull|run|create` or a Dockerfile `FROM` names (a plain reference only). */
  private observeImage(text: string): void {
    // Both patterns need one of these words: most lines hold neither.
    if (!FROM_WORD.test(text) && !text.includes('docker ') && !text.includes('podman ')) return;
    const image = imageNamedIn(text);
    if (image) this.image = image;
  }

  private setToolchain(goos: string | null, goarch: string | null): void {
    if (goos) this.toolGoos = goos;
    if (goarch) this.toolGoarch = goarch;
  }

  private readAssignments(text: string): void {
    // Every key ASSIGN reads holds GO (GOOS, CGO_ENABLED...) or is CC or CXX.
    if (!text.includes('=') || (!text.includes('GO') && !text.includes('CC=') && !text.includes('CXX='))) return;
    ASSIGN.lastIndex = 0;
    for (let m = ASSIGN.exec(text); m; m = ASSIGN.exec(text)) {
      const key = m.groups?.key;
      if (key) this.assigned[key] = unquote(m.groups?.value ?? '');
    }
  }

  private setHost(goos: string | null, goarch: string | null, strength: number, partial = false): void {
    if (strength < this.hostStrength && !partial) return;
    if (partial && strength < this.hostStrength) return;
    if (goos) this.hostGoos = goos;
    if (goarch) this.hostGoarch = goarch;
    this.hostStrength = Math.max(this.hostStrength, strength);
    if (this.hostGoarch) this.hostGoarch = toGoarch(this.hostGoarch) ?? this.hostGoarch;
  }
}

const FROM_WORD = /from/i;
const DOCKER_IMAGE_CMD = /\b(?:docker|podman) (?:pull|run|create)\b(?<rest>[^;&|]*)/;
const FROM_LINE = /(?:^|\s|: )FROM\s+(?:--platform=\S+\s+)?(?<image>[a-z0-9][\w./:@-]*)(?:\s+AS\s+\w+)?\s*$/i;
const IMAGE_REF = /^[a-z0-9][a-z0-9._/-]*(?::[\w.-]+)?(?:@sha256:[a-f0-9]{64})?$/;

/** The image a command line or Dockerfile line names, or null. */
export function imageNamedIn(text: string): string | null {
  const from = FROM_LINE.exec(text);
  if (from?.groups?.image && IMAGE_REF.test(from.groups.image) && from.groups.image !== 'scratch') return from.groups.image;
  const cmd = DOCKER_IMAGE_CMD.exec(text);
  if (!cmd?.groups) return null;
  const toks = (cmd.groups.rest ?? '').trim().split(/\s+/).filter((t) => t !== '');
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i] ?? '';
    if (t.startsWith('-')) {
      // Options with a separate value; flags such as --rm, -it, -d take none.
      if (!t.includes('=') && /^(?:--(?:platform|name|entrypoint|network|env|volume|workdir|user|mount|env-file|label|add-host|pull)|-[evwup])$/.test(t)) i++;
      continue;
    }
    return IMAGE_REF.test(t) && !t.includes('$') ? t : null;
  }
  return null;
}

function unquote(value: string): string {
  const v = value.trim();
  if (v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0]) return v.slice(1, -1);
  return v;
}

function machineToGoarch(machine: string): string | null {
  if (machine === 'x86-64') return 'amd64';
  if (machine === 'ARM aarch64') return 'arm64';
  if (machine === 'ARM') return 'arm';
  if (machine.startsWith('Intel')) return '386';
  if (machine.startsWith('IBM S/390')) return 's390x';
  if (machine.startsWith('64-bit PowerPC')) return 'ppc64le';
  if (machine.startsWith('UCB RISC-V')) return 'riscv64';
  return null;
}

/** The platform of a GitHub-hosted runner image name (`ubuntu-24.04-arm`, `macos-14`, `windows-2022`). */
export function platformOfRunnerImage(image: string): { goos: string; goarch: string } | null {
  const i = image.toLowerCase();
  if (i.startsWith('ubuntu')) return { goos: 'linux', goarch: /-arm(64)?\b/.test(i) ? 'arm64' : 'amd64' };
  if (i.startsWith('windows')) return { goos: 'windows', goarch: /-arm(64)?\b/.test(i) ? 'arm64' : 'amd64' };
  if (i.startsWith('macos')) {
    if (/-(arm64|xlarge)\b/.test(i)) return { goos: 'darwin', goarch: 'arm64' };
    if (/-(large|intel|x64)\b/.test(i)) return { goos: 'darwin', goarch: 'amd64' };
    const v = /macos-(\d+)/.exec(i);
    return { goos: 'darwin', goarch: v?.[1] && Number(v[1]) >= 14 ? 'arm64' : 'amd64' };
  }
  return null;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameRecord(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  let n = 0;
  for (const k in b) {
    if (a[k] !== b[k]) return false;
    n++;
  }
  for (const k in a) if (--n < 0 || !(k in b)) return false;
  return n === 0;
}
