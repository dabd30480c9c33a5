import type { Incident } from '../../../src/core/model/index.js';
import { buildIncident, platform } from '../../support/incident-builder.js';

/**
 * One golden case: fixtures/workflows/<name>.yml patched for `incident` must equal
 * <name>.expected.yml (or, with `noEdit`, must yield no-safe-edit with a reason containing it).
 */
export interface GoldenCase {
  name: string;
  /** What the fixture shows, in one line. */
  shape: string;
  incident: Incident;
  strategy?: string;
  /** Exact number of added + removed lines the fix needs. */
  changedLines?: number;
  noEdit?: string;
}

const amd64 = platform('linux/amd64');

export const GOLDEN_CASES: GoldenCase[] = [
  {
    name: 'cgo-matrix-goos-goarch',
    shape: 'goos × goarch matrix, step env with CGO_ENABLED: 1; host gcc assembles arm64 code',
    incident: buildIncident({ class: 'cgo-cross-linker', step: 'Build', host: amd64, target: platform('linux/arm64'), facts: { goos: 'linux', goarch: 'arm64' } }),
    strategy: 'install-cross-compiler',
    changedLines: 10,
  },
  {
    name: 'cgo-matrix-include',
    shape: 'include-only matrix with a cc key for windows, job env CGO_ENABLED: "1", step env CC: ${{ matrix.cc }}',
    incident: buildIncident({ class: 'cgo-cross-linker', step: 'Build linux/arm64', host: amd64, target: platform('linux/arm64'), facts: { goos: 'linux', goarch: 'arm64' } }),
    strategy: 'install-cross-compiler',
    changedLines: 6,
  },
  {
    name: 'cgo-flow-matrix',
    shape: 'flow-style matrix on one line: CC is chosen by an expression instead of an include entry',
    incident: buildIncident({ class: 'cgo-cross-linker', step: 'build', host: amd64, target: platform('linux/arm64'), facts: { goarch: 'arm64' } }),
    strategy: 'install-cross-compiler',
    changedLines: 7,
  },
  {
    name: 'cgo-single-job-apt',
    shape: 'one arm64 job, multi-line run: | with an apt-get install continued over lines, inline GOARCH=arm64 CGO_ENABLED=1',
    incident: buildIncident({
      class: 'cgo-cross-linker',
      step: 'Run # the sqlite driver is cgo',
      failingCommand: 'GOARCH=arm64 CGO_ENABLED=1 go build -o out/server ./cmd/server',
      host: amd64,
      target: platform('linux/arm64'),
      facts: { goarch: 'arm64' },
    }),
    strategy: 'install-cross-compiler',
    changedLines: 4,
  },
  {
    name: 'cgo-four-space-indent',
    shape: '4-space indentation, block-list matrix, `-   uses:` steps, env after run',
    incident: buildIncident({ class: 'cgo-cross-linker', step: 'Build with cgo', host: amd64, target: platform('linux/riscv64'), facts: { goarch: 'riscv64' } }),
    strategy: 'install-cross-compiler',
    changedLines: 9,
  },
  {
    name: 'buildx-no-qemu-named',
    shape: 'named steps separated by blank lines, comments, buildx before the push',
    incident: buildIncident({ class: 'qemu-binfmt-missing', step: 'Build and push', facts: { platform: 'linux/arm/v7' }, target: platform('linux/arm/v7') }),
    strategy: 'add-qemu-before-buildx',
    changedLines: 3,
  },
  {
    name: 'buildx-pinned-sha',
    shape: 'actions pinned by commit SHA with version comments',
    incident: buildIncident({ class: 'qemu-binfmt-missing', step: 'Run docker/build-push-action@263435318d21b8e681c14492fe198d362a7d2c83', facts: { platform: 'linux/arm64' } }),
    strategy: 'add-qemu-before-buildx',
    changedLines: 1,
  },
  {
    name: 'buildx-qemu-in-other-job',
    shape: 'two image jobs; one already sets up QEMU, the failing one does not',
    incident: buildIncident({ class: 'exec-format-error', step: 'Build agent image', target: platform('linux/arm64'), host: amd64 }),
    strategy: 'add-qemu-before-buildx',
    changedLines: 2,
  },
  {
    name: 'buildx-crlf',
    shape: 'CRLF line endings, unnamed steps, a comment above buildx',
    incident: buildIncident({ class: 'qemu-binfmt-missing', step: 'Run docker/build-push-action@v6', facts: { platform: 'linux/arm64' } }),
    strategy: 'add-qemu-before-buildx',
    changedLines: 1,
  },
  {
    name: 'goreleaser-docker',
    shape: 'GoReleaser building multi-arch images after setup-buildx, without QEMU',
    incident: buildIncident({ class: 'exec-format-error', step: 'Run GoReleaser', target: platform('linux/arm64'), host: amd64, facts: { platform: 'linux/arm64' } }),
    strategy: 'add-qemu-before-buildx',
    changedLines: 2,
  },
  {
    name: 'goreleaser-cgo',
    shape: 'GoReleaser cross-compiling with cgo: CC belongs in .goreleaser.yaml',
    incident: buildIncident({ class: 'cgo-cross-linker', step: 'Run GoReleaser', host: amd64, target: platform('linux/arm64') }),
    noEdit: '.goreleaser.yaml',
  },
  {
    name: 'cgo-disabled-workflow-env',
    shape: 'workflow-level env, double-quoted "0" with a trailing comment',
    incident: buildIncident({ class: 'cgo-disabled', step: 'Race tests' }),
    strategy: 'enable-cgo',
    changedLines: 2,
  },
  {
    name: 'cgo-disabled-inline-run',
    shape: 'CGO_ENABLED=0 inline in a multi-line run: | script, and again in another step',
    incident: buildIncident({ class: 'cgo-disabled', step: 'Run # keep the race detector on: it caught two data races in the cache', failingCommand: 'CGO_ENABLED=0 go test -race -coverprofile=cover.out ./...' }),
    strategy: 'enable-cgo',
    changedLines: 2,
  },
  {
    name: 'cgo-disabled-anchor',
    shape: 'env defined once with an anchor (&goenv) and reused by alias (*goenv)',
    incident: buildIncident({ class: 'cgo-disabled', step: 'Test sqlite store', failingCommand: 'go test ./internal/store/sqlite/...' }),
    strategy: 'enable-cgo',
    changedLines: 2,
  },
  {
    name: 'goarch-spelling-step-env',
    shape: "step env GOARCH: 'x64' (single-quoted, trailing comment) beside an x64 asset name",
    incident: buildIncident({ class: 'unsupported-platform', step: 'Build windows x64', facts: { goos: 'windows', goarch: 'x64' } }),
    strategy: 'fix-goarch-spelling',
    changedLines: 2,
  },
  {
    name: 'goarch-spelling-include',
    shape: 'flow-map include entries with a comment, GOARCH armhf',
    incident: buildIncident({ class: 'unsupported-platform', step: 'Run go build ./...', facts: { goos: 'linux', goarch: 'armhf' } }),
    strategy: 'fix-goarch-spelling',
    changedLines: 2,
  },
  {
    name: 'goarch-spelling-run-script',
    shape: 'GOARCH=aarch64 inside a run: | script whose file names also say aarch64',
    incident: buildIncident({ class: 'unsupported-platform', step: 'Run mkdir -p dist', facts: { goos: 'linux', goarch: 'aarch64' } }),
    strategy: 'fix-goarch-spelling',
    changedLines: 2,
  },
  {
    name: 'unsupported-pair-exclude',
    shape: 'goos × goarch matrix with an existing exclude list; darwin/386 is not a Go port',
    incident: buildIncident({ class: 'unsupported-platform', step: 'Run GOOS=darwin GOARCH=386 go build ./...', facts: { goos: 'darwin', goarch: '386' } }),
    strategy: 'exclude-unsupported-pair',
    changedLines: 2,
  },
  {
    name: 'native-runner-quoted',
    shape: 'an arm64 job on a double-quoted ubuntu-22.04 label, GOARCH in job env',
    incident: buildIncident({ class: 'exec-format-error', step: 'Test (arm64)', host: amd64, target: platform('linux/arm64') }),
    strategy: 'run-on-native-runner',
    changedLines: 2,
  },
  {
    name: 'native-runner-matrix',
    shape: 'goarch × go matrix on one runner label',
    incident: buildIncident({ class: 'exec-format-error', step: 'Test', host: amd64, target: platform('linux/arm64') }),
    strategy: 'run-on-native-runner',
    changedLines: 2,
  },
  {
    name: 'native-runner-macos',
    shape: 'arm64 tests on an Intel macOS runner',
    incident: buildIncident({ class: 'exec-format-error', step: 'Test arm64', host: platform('darwin/amd64'), target: platform('darwin/arm64') }),
    strategy: 'run-on-native-runner',
    changedLines: 2,
  },
  {
    name: 'qemu-riscv-pinned',
    shape: 'riscv64 tests (no hosted riscv64 runner), actions pinned by SHA',
    incident: buildIncident({ class: 'exec-format-error', step: 'Test on riscv64', host: amd64, target: platform('linux/riscv64') }),
    strategy: 'register-qemu-for-binary',
    changedLines: 2,
  },
  {
    name: 'docker-platforms-env',
    shape: 'platforms: ${{ env.PLATFORMS }} defined in the job env',
    incident: buildIncident({ class: 'image-platform-mismatch', host: platform('linux/arm64'), facts: { platform: 'linux/arm64' } }),
    strategy: 'add-missing-platform',
    changedLines: 2,
  },
  {
    name: 'native-runner-self-hosted',
    shape: 'a self-hosted runner list: no hosted runner or QEMU edit is safe',
    incident: buildIncident({ class: 'exec-format-error', step: 'Run device tests', host: amd64, target: platform('linux/arm64') }),
    noEdit: 'runs-on',
  },
];
