import { describe, expect, it } from 'vitest';
import { promptCommand } from '../../../src/core/log/shell-prompt.js';

// Prompt lines from the real logs in fixtures/logs (pasted terminal sessions), and output lines that are no prompt.
describe('promptCommand', () => {
  it.each([
    ['bash-3.2$ GOOS=windows GOARCH=386 go build -o g4.exe g4.go', 'GOOS=windows GOARCH=386 go build -o g4.exe g4.go', 'darwin'],
    ['[fkrick@mucwsn2017-2 guiTest]$ env GOOS=windows GOARCH=amd64 go build src/guiTest/main.go', 'env GOOS=windows GOARCH=amd64 go build src/guiTest/main.go', null],
    ['vagrant@debian-10:~/test/cmd$ env GOOS=windows GOARCH=amd64 go build', 'env GOOS=windows GOARCH=amd64 go build', null],
    ['root@159-54-182-55:/home/ubuntu# ./sync-images.sh v0.3.0-rc.2 aibrix-cn-beijing.cr.volces.com', './sync-images.sh v0.3.0-rc.2 aibrix-cn-beijing.cr.volces.com', null],
    ['❯ sudo ./varnam-quick-installer.sh uninstal', 'sudo ./varnam-quick-installer.sh uninstal', null],
    // oh-my-zsh: the directory and git status are the prompt's, not the command's
    ['➜  comparison-api git:(master) ✗ CC="clang -arch arm64" go build', 'CC="clang -arch arm64" go build', null],
    ['➜  json-tools git:(main) docker compose up -d', 'docker compose up -d', null],
    ['(base) ➜  mamba curl -Ls https://micro.mamba.pm/api/micromamba/linux-aarch64/latest | tar -xvj bin/micromamba', 'curl -Ls https://micro.mamba.pm/api/micromamba/linux-aarch64/latest | tar -xvj bin/micromamba', null],
    ['➜ file /Users/me/.pyenv/versions/3.10.5/envs/testing-black/lib/python3.10/site-packages/black/__init__.cpython-310-darwin.so', 'file /Users/me/.pyenv/versions/3.10.5/envs/testing-black/lib/python3.10/site-packages/black/__init__.cpython-310-darwin.so', null],
    // a prompt pasted twice
    ['[jw@cn06 m3db]$ [jw@cn06 m3db]$ sudo make', 'sudo make', null],
  ])('reads %j', (line, command, goos) => {
    expect(promptCommand(line)).toEqual({ command, goos });
  });

  it.each([
    '# runtime/cgo',
    '#5 0.013 WORK=/tmp/go-build1601389918',
    // real output lines holding a "#" after a word (wild/cgo-cross-linker/gox-cgo-darwin-to-linux-amd64-ld64.log, a Wails build)
    'Stderr: # runtime/cgo',
    '\\ Ensuring Dependencies are up to date...# github.com/wailsapp/webview',
    '➜  black',
    'gcc: error: unrecognized command-line option \'-mthreads\'; did you mean \'-pthread\'?',
  ])('takes %j for no prompt', (line) => {
    expect(promptCommand(line)).toBeNull();
  });
});
