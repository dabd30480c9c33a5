import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import type { ByteSource } from './byte-source.js';
import { CliError } from './cli-error.js';
import { LOG_LIMITS } from './log-limits.js';

/** One file of a zip archive, as its central directory describes it. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflate; anything else is skipped with a reason. */
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const CHUNK = 1024 * 1024;

/**
 * A small zip reader (what GitHub's "Download log archive" needs, no dependency): the central directory,
 * then each entry streamed through node:zlib's inflateRaw, read in place from the file. Stored and
 * deflate entries only; zip64 and encrypted archives are refused with one line naming the archive.
 */
export class ZipArchive {
  private constructor(
    private readonly bytes: ByteSource,
    readonly label: string,
    readonly entries: readonly ZipEntry[],
  ) {}

  static async open(bytes: ByteSource, label: string): Promise<ZipArchive> {
    const bad = (why: string): CliError => new CliError('BAD_INPUT', `cannot read "${label}" as a zip archive: ${why}`);
    // 1. The end of central directory record: in the last 22 bytes, or before a comment of up to 64 KiB.
    const tailLength = Math.min(bytes.size, 22 + 0xffff);
    const tail = await bytes.read(bytes.size - tailLength, tailLength);
    let at = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD) {
        at = i;
        break;
      }
    }
    if (at === -1) throw bad('no end of central directory (truncated or not a zip)');
    if (at >= 20 && tail.readUInt32LE(at - 20) === ZIP64_LOCATOR) throw bad('zip64 archives are not supported (unzip it and give goarch the files)');
    const count = tail.readUInt16LE(at + 10);
    const cdSize = tail.readUInt32LE(at + 12);
    const cdOffset = tail.readUInt32LE(at + 16);
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) throw bad('zip64 archives are not supported (unzip it and give goarch the files)');
    if (tail.readUInt16LE(at + 4) !== 0 || tail.readUInt16LE(at + 6) !== 0) throw bad('multi-part archives are not supported');
    if (count > LOG_LIMITS.archiveEntries) throw bad(`${count} entries, more than the ${LOG_LIMITS.archiveEntries} goarch reads`);
    if (cdSize > LOG_LIMITS.centralDirectoryBytes || cdOffset + cdSize > bytes.size) throw bad('the central directory is larger than the archive allows');
    // 2. The central directory: one record per entry.
    const cd = await bytes.read(cdOffset, cdSize);
    const entries: ZipEntry[] = [];
    let p = 0;
    for (let n = 0; n < count; n++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL) throw bad(`central directory record ${n + 1} is damaged`);
      const flags = cd.readUInt16LE(p + 8);
      const method = cd.readUInt16LE(p + 10);
      const compressedSize = cd.readUInt32LE(p + 20);
      const size = cd.readUInt32LE(p + 24);
      const nameLength = cd.readUInt16LE(p + 28);
      const extraLength = cd.readUInt16LE(p + 30);
      const commentLength = cd.readUInt16LE(p + 32);
      const localOffset = cd.readUInt32LE(p + 42);
      if (p + 46 + nameLength > cd.length) throw bad(`central directory record ${n + 1} is damaged`);
      const name = cd.subarray(p + 46, p + 46 + nameLength).toString(flags & 0x800 ? 'utf8' : 'latin1');
      if (flags & 0x1) throw bad(`"${shown(name)}" is encrypted (goarch reads unencrypted archives only)`);
      if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff) throw bad('zip64 archives are not supported (unzip it and give goarch the files)');
      entries.push({ name, method, compressedSize, size, localOffset });
      p += 46 + nameLength + extraLength + commentLength;
    }
    return new ZipArchive(bytes, label, entries);
  }

  /** The entry's bytes, decompressed as they are read; stops at `maxBytes` of output. */
  async *read(entry: ZipEntry, maxBytes: number): AsyncGenerator<Uint8Array> {
    const header = await this.bytes.read(entry.localOffset, 30);
    if (header.length < 30 || header.readUInt32LE(0) !== LOCAL) throw new CliError('BAD_INPUT', `cannot read "${shown(entry.name)}" in "${this.label}": its local header is damaged`);
    const start = entry.localOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    if (start + entry.compressedSize > this.bytes.size) throw new CliError('BAD_INPUT', `cannot read "${shown(entry.name)}" in "${this.label}": the archive is truncated`);
    const bytes = this.bytes;
    async function* compressed(): AsyncGenerator<Buffer> {
      for (let off = 0; off < entry.compressedSize; off += CHUNK) yield await bytes.read(start + off, Math.min(CHUNK, entry.compressedSize - off));
    }
    let out = 0;
    if (entry.method === 0) {
      for await (const chunk of compressed()) {
        const piece = chunk.subarray(0, Math.max(0, maxBytes - out));
        out += piece.length;
        yield piece;
        if (out >= maxBytes) return;
      }
      return;
    }
    const inflater = createInflateRaw();
    const input = Readable.from(compressed());
    input.on('error', (error) => inflater.destroy(error));
    input.pipe(inflater);
    try {
      for await (const chunk of inflater as AsyncIterable<Buffer>) {
        out += chunk.length;
        yield chunk;
        if (out >= maxBytes) return;
      }
    } catch (error) {
      if (error instanceof CliError) throw error;
      throw new CliError('BAD_INPUT', `cannot read "${shown(entry.name)}" in "${this.label}": ${(error as NodeJS.ErrnoException).code === 'Z_DATA_ERROR' ? 'the compressed data is damaged' : (error as Error).message}`);
    } finally {
      input.destroy();
      inflater.destroy();
    }
  }

  close(): Promise<void> {
    return this.bytes.close();
  }
}

/** An entry name as it may be printed: no control characters, at most 200 characters. */
export function shown(name: string): string {
  // eslint-disable-next-line no-control-regex -- names come from the archive: control characters (C0, DEL, C1 such as the one-byte CSI \x9b) are removed
  const clean = name.replace(/[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g, '');
  return clean.length > 200 ? `${clean.slice(0, 199)}…` : clean;
}
