import type { Platform } from '../model/incident.js';
import type { NormalizedLine } from '../log/normalize-line.js';
import { toGoarch } from './arch-table.js';

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
  line: number;
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
}

const GO_VERSION = /\bgo version go[\d.]+\w* (?<os>[a-z0-9]+)\/(?<arch>[a-z0-9]+)/;
const HOST_ENV = /^(?:set )?GOHOST(?<key>OS|ARCH)=["']?(?<value>[a-z0-9]+)/;
const ASSIGN = /(?:^|[\s;&|(`"'])(?:export\s+|set\s+)?(?<key>GOOS|GOARCH|GOARM|GOAMD64|CGO_ENABLED|CC|CXX|CGO_LDFLAGS|CGO_CFLAGS)=(?<value>"[^"]*"|'[^']*'|[^\s;&|)`]*)/g;
const YAML_KV = /^\s+(?<key>[A-Za-z_][\w-]*): ?(?<value>.*)$/;
const PLATFORM_FLAG = /--platform[= ](?<value>[\w/.,$-]+)/;
const RUNNER_IMAGE = /^\s*Image: (?<image>[\w.-]+)\s*$/;
const TOOLCACHE = /hostedtoolcache[\\/]go[\\/][\d.]+[\\/](?<arch>x64|arm64|x86)\b|go-[\d.]+-(?<os>linux|darwin|win32|windows)-(?<arch2>x64|arm64|amd64|386)\.(?:tar\.gz|zip)/;
const UNAME_A = /^Linux \S+ \S+ .* (?<arch>x86_64|aarch64|armv7l|i686|ppc64le|s390x|riscv64) GNU\/Linux$/;
const UNAME_M = /(?:^|[\s+$>])uname -m\s*$/;
const VERTEX = /^\[(?:(?<platform>[a-z0-9]+\/[a-z0-9]+(?:\/v\d)?) )?[^\]]*\] (?<instr>.+)$/;
const DOCKER_SUMMARY = /^ ?> \[(?:(?<platform>[a-z0-9]+\/[a-z0-9]+(?:\/v\d)?) )?[^\]]*\] (?<instr>.+?):?$/;
const DOCKER_SIGNAL = /\b(?:docker (?:buildx |image )?(?:build|run|pull|create)|buildx|build-push-action|podman (?:build|run)|failed to solve|Step \d+\/\d+ : |\[internal\] load build definition)/i;
const FILE_OUTPUT = /^(?<path>[^:\s]+): ELF (?:32|64)-bit [LM]SB [\w -]+, (?<machine>x86-64|ARM aarch64|ARM|Intel 80386|Intel i386|IBM S\/390|64-bit PowerPC[^,]*|UCB RISC-V|MIPS[^,]*)/;

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
  private readonly steps: StepInfo[] = [];
  private current: StepInfo | null = null;
  private section: 'script' | 'env' | 'with' | 'shell' | 'header' | null = null;
  private groupLines = 0;
  private readonly assigned: Record<string, string> = {};
  private platform: string | null = null;
  private dockerLine: number | null = null;
  private readonly vertices = new Map<number, VertexInfo>();
  private summaryVertex: VertexInfo | null = null;
  private summaryLine = 0;
  private readonly fileArch: Record<string, string> = {};
  private unameLine = -10;
  private readonly goCommands: string[] = [];

  private pushGoCommand(text: string): void {
    const cmd = text.trim().replace(/^[+$] /, '');
    if (this.goCommands[this.goCommands.length - 1] === cmd) return;
    this.goCommands.push(cmd);
    if (this.goCommands.length > 20) this.goCommands.shift();
  }

  /** True while the scanner must hand over every line (inside a `Run` group header). */
  wantsEveryLine(): boolean {
    return this.section !== null && (this.section !== 'header' || this.groupLines < 40);
  }

  observe(n: NormalizedLine, line: number): void {
    const text = n.text;
    if (n.marker === 'group') {
      this.openGroup(text, line);
      return;
    }
    if (n.marker === 'endgroup') {
      this.section = null;
      return;
    }
    if (this.section !== null) {
      this.groupLines++;
      if (this.section === 'header') this.observeRunnerHeader(text);
      else {
        this.observeGroupLine(text);
        if (this.section !== 'shell') return;
      }
    }
    if (n.vertex !== null) this.observeVertex(n.vertex, text, line);
    else {
      const summary = DOCKER_SUMMARY.exec(text);
      if (summary?.groups) {
        this.summaryVertex = { platform: summary.groups.platform ?? null, instruction: summary.groups.instr ?? '' };
        this.summaryLine = line;
        this.dockerLine = line;
      }
    }
    if (DOCKER_SIGNAL.test(text)) this.dockerLine = line;
    this.observeFacts(text, n.vertex !== null, line);
  }

  /** Where the build happens, from the strongest evidence seen anywhere in the log. */
  host(): Platform | null {
    if (!this.hostGoos && !this.hostGoarch) return null;
    return { goos: this.hostGoos, goarch: this.hostGoarch };
  }

  snapshot(line: number, vertex: number | null): ContextSnapshot {
    let v: VertexInfo | null = vertex !== null ? (this.vertices.get(vertex) ?? null) : null;
    if (!v && this.summaryVertex && line - this.summaryLine <= 12) v = this.summaryVertex;
    return {
      line,
      step: this.current ? { ...this.current, script: [...this.current.script], env: { ...this.current.env }, with: { ...this.current.with } } : null,
      vertex: v,
      assigned: { ...this.assigned },
      platform: this.platform,
      dockerLine: this.dockerLine,
      fileArch: { ...this.fileArch },
      goCommands: [...this.goCommands],
    };
  }

  private openGroup(title: string, line: number): void {
    this.groupLines = 0;
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
      if (p) this.setHost(p.goos, p.goarch, 2);
    }
  }

  private observeVertex(vertex: number, text: string, line: number): void {
    const m = VERTEX.exec(text);
    if (m?.groups && !this.vertices.has(vertex)) {
      if (this.vertices.size >= MAX_VERTICES) this.vertices.clear();
      this.vertices.set(vertex, { platform: m.groups.platform ?? null, instruction: m.groups.instr ?? '' });
    }
    this.dockerLine = line;
  }

  private observeFacts(text: string, inContainer: boolean, line: number): void {
    if (!inContainer) {
      const gv = GO_VERSION.exec(text);
      if (gv?.groups) this.setHost(gv.groups.os ?? null, gv.groups.arch ?? null, 3);
      const he = HOST_ENV.exec(text);
      if (he?.groups) {
        if (he.groups.key === 'OS') this.setHost(he.groups.value ?? null, this.hostGoarch, 4, true);
        else this.setHost(this.hostGoos, he.groups.value ?? null, 4, true);
      }
      const tc = TOOLCACHE.exec(text);
      if (tc?.groups) {
        const arch = toGoarch(tc.groups.arch ?? tc.groups.arch2 ?? '');
        const os = tc.groups.os ? (tc.groups.os === 'win32' ? 'windows' : tc.groups.os) : null;
        this.setHost(os ?? this.hostGoos ?? 'linux', arch, 2);
      }
      const ua = UNAME_A.exec(text);
      if (ua?.groups?.arch) this.setHost('linux', toGoarch(ua.groups.arch), 2);
      if (/^[+$] .*\bgo (?:build|install|test|run)\b/.test(text)) this.pushGoCommand(text);
      if (UNAME_M.test(text)) this.unameLine = line;
      else if (line - this.unameLine <= 2) {
        const arch = /^(x86_64|aarch64|armv7l|armv6l|i686|ppc64le|s390x|riscv64)$/.exec(text.trim());
        if (arch?.[1]) this.setHost(this.hostGoos ?? 'linux', toGoarch(arch[1]), 2);
      }
      this.readAssignments(text);
    }
    const p = PLATFORM_FLAG.exec(text);
    if (p?.groups?.value) this.platform = p.groups.value;
    const f = FILE_OUTPUT.exec(text);
    if (f?.groups?.path && f.groups.machine) {
      const arch = machineToGoarch(f.groups.machine);
      if (arch) {
        this.fileArch[f.groups.path] = arch;
        const keys = Object.keys(this.fileArch);
        if (keys.length > 256 && keys[0]) delete this.fileArch[keys[0]];
      }
    }
  }

  private readAssignments(text: string): void {
    if (!text.includes('=')) return;
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
  }
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
