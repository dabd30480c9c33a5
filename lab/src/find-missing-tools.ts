import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

function onPath(tool: string, pathVar: string): boolean {
  return pathVar.split(delimiter).some((dir) => {
    if (dir === '') return false;
    try {
      accessSync(join(dir, tool), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** Which of `requires` (tool names on PATH, or absolute file paths) this machine lacks. */
export function findMissingTools(requires: readonly string[], pathVar: string): string[] {
  return requires.filter((r) => (isAbsolute(r) ? !existsSync(r) : !onPath(r, pathVar)));
}
