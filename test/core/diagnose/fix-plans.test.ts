import { describe, expect, it } from 'vitest';
import { diagnoseText } from '../../../src/core/diagnose/diagnose-log.js';
import { checkFixInvariants } from '../../../src/core/diagnose/fix-invariants.js';
import { shippedRules } from '../../support/rules.js';

const rules = shippedRules();

function only(log: string[]) {
  const d = diagnoseText(log.join('\n'), rules);
  expect(d.incidents).toHaveLength(1);
  const i = d.incidents[0]!;
  expect(checkFixInvariants(i)).toEqual([]);
  return i;
}

describe('fix plans are functions of the log\'s facts (issue 12)', () => {
  it('a smoke test of an arm build runs the arm binary under qemu-arm-static, not an amd64 build', () => {
    const i = only([
      '##[group]Runner Image',
      'Image: ubuntu-24.04',
      '##[endgroup]',
      '##[group]Run GOARCH=arm GOARM=7 go build -o bin/app . && ./bin/app -version',
      'GOARCH=arm GOARM=7 go build -o bin/app . && ./bin/app -version',
      'shell: /usr/bin/bash -e {0}',
      '##[endgroup]',
      'bash: line 1: ./bin/app: cannot execute binary file: Exec format error',
      '##[error]Process completed with exit code 126.',
    ]);
    expect(i.fix.commands).toEqual(['sudo apt-get update', 'sudo apt-get install -y qemu-user-static', 'GOARCH=arm GOARM=7 go build -o bin/app .', 'qemu-arm-static ./bin/app -version']);
    expect(i.situation?.purpose?.value).toBe('executes');
  });

  it('names the image the log pulls instead of IMAGE', () => {
    const i = only([
      'user@vm:~$ docker pull ghcr.io/acme/tool:latest',
      'latest: Pulling from acme/tool',
      'no matching manifest for linux/arm64/v8 in the manifest list entries',
    ]);
    expect(i.fix.commands.join('\n')).toContain('docker buildx imagetools inspect ghcr.io/acme/tool:latest');
    expect(i.fix.commands.join('\n')).not.toMatch(/\bIMAGE\b/);
    expect(i.situation?.image).toEqual({ value: 'ghcr.io/acme/tool:latest', from: expect.any(String) });
  });

  it('never prints apt-get for a macOS log', () => {
    const d = diagnoseText(
      [
        '$ CGO_ENABLED=1 GOOS=darwin GOARCH=arm64 go build -o bin/app .',
        '# example.com/app',
        '/usr/local/go/pkg/tool/darwin_amd64/link: running clang failed: exit status 1',
        'ld: warning: ignoring file /Users/dev/lib/libfoo.a, building for macOS-arm64 but attempting to link with file built for macOS-x86_64',
        'Undefined symbols for architecture arm64:',
        '  "_foo_init", referenced from:',
        'ld: symbol(s) not found for architecture arm64',
      ].join('\n'),
      rules,
    );
    expect(d.incidents.length).toBeGreaterThan(0);
    for (const i of d.incidents) {
      expect(i.situation?.hostOs?.value).toBe('darwin');
      expect(i.fix.commands.join('\n')).not.toMatch(/apt-get|dpkg/);
      expect(checkFixInvariants(i)).toEqual([]);
    }
  });

  it('a go test with GOARCH chosen keeps testing that arch under QEMU', () => {
    const i = only([
      '##[group]Runner Image',
      'Image: ubuntu-24.04',
      '##[endgroup]',
      '##[group]Run GOARCH=arm64 go test ./...',
      'GOARCH=arm64 go test ./...',
      'shell: /usr/bin/bash -e {0}',
      '##[endgroup]',
      'fork/exec /tmp/go-build3359/b001/app.test: exec format error',
      'FAIL\texample.com/app\t0.002s',
    ]);
    expect(i.fix.commands).toContain('GOOS=linux GOARCH=arm64 go test -exec qemu-aarch64-static ./...');
  });

  it('respells the variable a wrapper script reads, not a GOARCH prefix it overwrites', () => {
    const i = only([
      '##[group]Run ./build.sh',
      './build.sh',
      'shell: /usr/bin/bash -e {0}',
      'env:',
      '  TARGETS: linux/amd64 linux/aarch64',
      '##[endgroup]',
      'building linux/aarch64',
      'go: unsupported GOOS/GOARCH pair linux/aarch64',
      '##[error]Process completed with exit code 2.',
    ]);
    expect(i.fix.commands).toEqual(["TARGETS='linux/amd64 linux/arm64' ./build.sh"]);
  });

  it('an entrypoint that is not for the machine running the container asks that machine, not GOHOSTARCH', () => {
    const d = diagnoseText(['exec /usr/local/bin/app: exec format error'].join('\n'), rules);
    const i = d.incidents[0];
    expect(i?.class).toBe('exec-format-error');
    expect(i?.fix.commands.join('\n')).not.toContain('GOHOSTARCH');
    expect(i?.fix.commands[0]).toBe("docker version --format '{{.Server.Os}}/{{.Server.Arch}}'");
  });
});
