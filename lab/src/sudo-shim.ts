import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findMissingTools } from './find-missing-tools.js';

/**
 * Fix commands may start with `sudo`. When the lab runs as root on a machine without sudo, it puts a shim on
 * PATH that drops sudo's own options and runs the command. Returns the directory to prepend, or null.
 */
export function sudoShim(workDir: string, pathVar: string): string | null {
  if (process.getuid?.() !== 0 || findMissingTools(['sudo'], pathVar).length === 0) return null;
  const dir = join(workDir, '_shim');
  mkdirSync(dir, { recursive: true });
  const shim = join(dir, 'sudo');
  writeFileSync(shim, '#!/bin/sh\n# goarch lab: running as root without sudo installed\nwhile [ $# -gt 0 ]; do case "$1" in -E|-H|-n|-S) shift ;; --) shift; break ;; *) break ;; esac; done\nexec "$@"\n');
  chmodSync(shim, 0o755);
  return dir;
}
