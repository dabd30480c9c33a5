/**
 * Whether text output is coloured: --no-color wins, then FORCE_COLOR (0/false: off, anything else: on),
 * then NO_COLOR (any non-empty value: off), then whether stdout is a terminal.
 */
export function useColor(flag: false | null, env: Readonly<Record<string, string | undefined>>, isTTY: boolean): boolean {
  if (flag === false) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return !['0', 'false'].includes(force.toLowerCase());
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return isTTY;
}
