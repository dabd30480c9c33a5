import { createReadStream, statSync } from 'node:fs';
import { CliError } from './cli-error.js';

/** Opens a log file (or stdin for "-") as a byte stream; a bad path is a one-line CliError. */
export function openLog(path: string, stdin: AsyncIterable<Uint8Array> = process.stdin): { stream: AsyncIterable<Uint8Array>; size: number | null } {
  if (path === '-') return { stream: stdin, size: null };
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new CliError('BAD_INPUT', `cannot read "${path}": it is a directory`);
    size = st.size;
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code;
    throw new CliError('BAD_INPUT', `cannot read "${path}": ${why}`);
  }
  const stream = createReadStream(path, { highWaterMark: 1024 * 1024 });
  return { stream: guard(stream, path), size };
}

async function* guard(stream: AsyncIterable<Uint8Array>, path: string): AsyncIterable<Uint8Array> {
  try {
    for await (const chunk of stream) yield chunk;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new CliError('BAD_INPUT', `cannot read "${path}": ${code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : code}`);
  }
}
