/**
 * The command on a line of a pasted terminal session, after the shell's prompt, and the operating system
 * the prompt's shape tells (when it tells one). Issue threads paste sessions with every kind of prompt:
 * `$ go build`, `bash-3.2$ GOOS=windows go build` (macOS's bash), `[user@host dir]$ env GOOS=...`,
 * `user@host:~/src$ make`, `root@abc:/app# go build`, `host:dir user$ ...` (macOS), `❯ ./tool`, `% make`,
 * `PS C:\src> go build`, `C:\src>go build`. Each shape is anchored and bounded, so a plain output line
 * (`# runtime/cgo`, `Stderr: # runtime/cgo`) is not taken for a prompt.
 */
export interface PromptLine {
  command: string;
  /** GOOS the prompt's shape names, or null. */
  goos: string | null;
}

const SHAPES: Array<[RegExp, string | null]> = [
  // bash's default prompt without PS1: Apple's bash is 3.2 (GPLv2), every Linux ships 4 or 5
  [/^(?:bash|sh)-3\.2[$#] (.+)$/, 'darwin'],
  [/^(?:bash|sh|zsh)-\d{1,2}(?:\.\d{1,2}){0,2}[$#] (.+)$/, null],
  // macOS's default bash prompt "host:dir user$ " and zsh's "user@host dir % "
  [/^[\w.-]{1,63}:[^\s$#%]{1,200} [\w.-]{1,32}[$#] (.+)$/, 'darwin'],
  [/^[\w.-]{1,32}@[\w.-]{1,63} [^\s$#%]{1,200} % (.+)$/, 'darwin'],
  // Fedora/RHEL/CentOS "[user@host dir]$ "
  [/^\[[\w.-]{1,32}@[\w.-]{1,63}(?: [^\]]{0,200})?\][$#] (.+)$/, null],
  // Debian/Ubuntu "user@host:~/dir$ ", "(venv) user@host:/app# "
  [/^(?:\([\w.-]{1,40}\) )?[\w.-]{1,32}@[\w.-]{1,63}:[^\s$#]{0,200}[$#] (.+)$/, null],
  // PowerShell and cmd.exe
  [/^PS [A-Za-z]:\\[^>]{0,200}> (.+)$/, 'windows'],
  [/^[A-Za-z]:\\[^>]{0,200}>(\S.*)$/, 'windows'],
  // oh-my-zsh's "➜  dir git:(main) ✗ cmd", cmder's "λ ~/src cmd"
  // (robbyrussell's two spaces before the directory; one space: a theme without it), after a conda "(base) "
  [/^(?:\([\w.-]{1,40}\) )?➜ {2}[\w.~-]{1,100}(?: git:\([^)\s]{1,100}\))?(?: ✗)? {1,2}(\S.*)$/, null],
  [/^(?:\([\w.-]{1,40}\) )?➜ (\S.*)$/, null],
  [/^λ(?: [~/][\w.~/-]{0,100})? (\S.*)$/, null],
  // bare prompts: "$ ", "% ", "❯ " (a "+ " trace is the shell's own echo, read elsewhere)
  [/^(?:\$|%|❯) {1,2}(\S.*)$/, null],
];

export function promptCommand(line: string): PromptLine | null {
  if (line.length > 4000) return null;
  for (const [re, goos] of SHAPES) {
    const m = re.exec(line);
    const command = m?.[1]?.trim();
    // A prompt pasted twice ("[jw@cn06 m3db]$ [jw@cn06 m3db]$ sudo make"): the command is after the last.
    if (command) return { command: promptCommand(command)?.command ?? command, goos };
  }
  return null;
}
