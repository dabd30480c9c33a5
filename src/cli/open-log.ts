import { createReadStream, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { archiveLogs } from './archive-logs.js';
import { bufferBytes, fileBytes } from './byte-source.js';
import { CliError } from './cli-error.js';
import { GhLogContext, isGhLog } from './gh-log-context.js';
import { LOG_LIMITS } from './log-limits.js';
import type { LogInputs, LogUnit, OpenedLog } from './log-unit.js';
import { peekStream } from './peek-stream.js';
import { isLogUrl, openUrlLog } from './url-log-source.js';
import { shown, ZipArchive } from './zip-archive.js';

const GZIP = [0x1f, 0x8b];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];
const startsWith = (head: Buffer, magic: number[]): boolean => magic.every((b, i) => head[i] === b);
const isZip = (head: Buffer): boolean => startsWith(head, ZIP) || startsWith(head, EMPTY_ZIP);
/** Compressed formats goarch does not read: refused in one line instead of scanning their bytes as text. */
const OTHER_FORMATS: Array<[string, (head: Buffer) => boolean, string]> = [
  ['xz', (h) => startsWith(h, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]), 'unxz'],
  ['zstd', (h) => startsWith(h, [0x28, 0xb5, 0x2f, 0xfd]), 'unzstd'],
  // "BZh", the block size 1-9, then the block magic (the digits of pi): text starting "BZh" is not refused.
  ['bzip2', (h) => startsWith(h, [0x42, 0x5a, 0x68]) && (h[3] ?? 0) >= 0x31 && (h[3] ?? 0) <= 0x39 && startsWith(h.subarray(4), [0x31, 0x41, 0x59, 0x26, 0x53, 0x59]), 'bunzip2'],
  ['7z', (h) => startsWith(h, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]), '7z x'],
];

/**
 * Opens what `goarch diagnose` was given, recognised by its bytes, not its name: a plain log, a gzip
 * file (or gzip on standard input), a zip log archive (read in place; from standard input it is held in
 * memory up to a cap), or `gh run view --log` output; a URL goes to the URL source. A bad path or a
 * damaged archive is a one-line CliError naming it.
 */
export async function openLog(input: string, from: LogInputs): Promise<OpenedLog> {
  const { stdin, maxBytes } = from;
  if (isLogUrl(input)) return openUrlLog(input, from);
  const label = input === '-' ? 'standard input' : input;
  const entryCap = (maxBytes ?? LOG_LIMITS.decompressedBytes) + 1;
  if (input !== '-') {
    const size = statFile(input);
    const handle = await open(input, 'r').catch((error: NodeJS.ErrnoException) => {
      throw new CliError('BAD_INPUT', `cannot read "${input}": ${why(error)}`);
    });
    const head = Buffer.alloc(4);
    try {
      await handle.read(head, 0, 4, 0);
      if (isZip(head)) return fromArchive(await ZipArchive.open(fileBytes(handle, size), input), entryCap);
    } catch (error) {
      await handle.close();
      throw error instanceof CliError ? error : new CliError('BAD_INPUT', `cannot read "${input}": ${why(error as NodeJS.ErrnoException)}`);
    }
    await handle.close();
    if (startsWith(head, GZIP)) return fromText(gunzip(guard(createReadStream(input), input), input), label, null, true, entryCap);
    return fromText(guard(fileChunks(input), input), label, size, false, entryCap);
  }
  const { head, stream } = await peekStream(stdin, 4);
  if (isZip(head)) return fromArchive(await ZipArchive.open(bufferBytes(await collect(stream, label)), label), entryCap);
  if (startsWith(head, GZIP)) return fromText(gunzip(stream, label), label, null, true, entryCap);
  return fromText(stream, label, null, false, entryCap);
}

/** Text (after gunzip): a zip inside a .gz goes to the archive reader, gh output keeps its job and step columns. */
async function fromText(source: AsyncIterable<Uint8Array>, label: string, size: number | null, compressed: boolean, entryCap: number): Promise<OpenedLog> {
  const { head, stream } = await peekStream(source, 1024);
  if (isZip(head)) return fromArchive(await ZipArchive.open(bufferBytes(await collect(stream, label)), label), entryCap);
  const other = OTHER_FORMATS.find(([, is]) => is(head));
  if (other) throw new CliError('BAD_INPUT', `cannot read "${shown(label)}": it is ${other[0]}-compressed, which goarch does not read (${other[2]} it first, or pipe it: ${other[2] === '7z x' ? '7z x -so' : `${other[2]} -c`} FILE | goarch diagnose -)`);
  // A plain log is streamed in constant memory and read whole unless --max-bytes; a decompressed one is capped.
  const defaultMaxBytes = compressed ? LOG_LIMITS.decompressedBytes : null;
  let unit: LogUnit;
  if (isGhLog(head)) {
    const context = new GhLogContext();
    unit = {
      name: null,
      job: null,
      step: null,
      stream: context.wrap(stream),
      locate(line) {
        const at = context.at(line);
        return at ? { member: null, job: at.job, step: at.step, line } : null;
      },
    };
  } else unit = { name: null, job: null, step: null, stream, locate: () => null };
  return { archive: false, size, defaultMaxBytes, units: [unit], skipped: [], close: () => Promise.resolve() };
}

function fromArchive(archive: ZipArchive, entryCap: number): OpenedLog {
  const { units, skipped } = archiveLogs(archive, () => entryCap);
  return { archive: true, size: null, defaultMaxBytes: LOG_LIMITS.decompressedBytes, units, skipped, close: () => archive.close() };
}

async function* gunzip(source: AsyncIterable<Uint8Array>, label: string): AsyncGenerator<Uint8Array> {
  const input = Readable.from(source);
  const inflater = createGunzip();
  input.on('error', (error) => inflater.destroy(error));
  input.pipe(inflater);
  try {
    for await (const chunk of inflater as AsyncIterable<Buffer>) yield chunk;
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError('BAD_INPUT', `cannot read "${shown(label)}" as gzip: ${code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR' ? 'the compressed data is damaged or truncated' : (error as Error).message}`);
  } finally {
    input.destroy();
    inflater.destroy();
  }
}

/** A zip that cannot be read in place: held in memory, up to LOG_LIMITS.bufferedZipBytes. */
async function collect(source: AsyncIterable<Uint8Array>, label: string): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of source) {
    length += chunk.length;
    if (length > LOG_LIMITS.bufferedZipBytes) throw new CliError('BAD_INPUT', `${shown(label)}: a zip archive read from a pipe is held in memory, and this one is over ${LOG_LIMITS.bufferedZipBytes / 1024 ** 2} MiB: save it to a file and give goarch the file`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function statFile(path: string): number {
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new CliError('BAD_INPUT', `cannot read "${path}": it is a directory`);
    return st.size;
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError('BAD_INPUT', `cannot read "${path}": ${why(error as NodeJS.ErrnoException)}`);
  }
}

function why(error: NodeJS.ErrnoException): string {
  const code = error.code ?? 'error';
  return code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : code;
}

/**
 * A plain file's bytes in 1 MiB chunks read into two buffers used in turn, so that scanning a large log
 * allocates nothing per chunk: fresh 1 MiB Buffers from a read stream outlived young-generation collections
 * while a dense log was scanned and held 25 MB of memory until a full collection. The next chunk is read
 * while the caller scans this one (the buffer it goes into is the one the caller finished with). Each chunk
 * is valid until the next one is asked for; every reader copies what it keeps (the scanner, peekStream,
 * GhLogContext).
 */
async function* fileChunks(path: string): AsyncGenerator<Uint8Array> {
  const handle = await open(path, 'r');
  const [one, other] = [Buffer.allocUnsafeSlow(CHUNK), Buffer.allocUnsafeSlow(CHUNK)];
  let into = one;
  let pending: Promise<{ bytesRead: number }> | null = handle.read(into, 0, CHUNK, null);
  try {
    for (;;) {
      const { bytesRead } = await pending;
      pending = null;
      if (bytesRead === 0) return;
      const ready = into;
      into = ready === one ? other : one;
      pending = handle.read(into, 0, CHUNK, null);
      yield ready.subarray(0, bytesRead);
    }
  } finally {
    // A caller that stops early (--max-bytes) leaves a read in flight: let it finish before closing.
    await pending?.catch(() => undefined);
    await handle.close();
  }
}

const CHUNK = 1024 * 1024;

async function* guard(stream: AsyncIterable<Uint8Array>, path: string): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of stream) yield chunk;
  } catch (error) {
    throw new CliError('BAD_INPUT', `cannot read "${path}": ${why(error as NodeJS.ErrnoException)}`);
  }
}
