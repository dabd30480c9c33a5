import { Writable } from 'node:stream';

/** A writable that keeps what was written, standing in for stdout/stderr in CLI tests. */
export function captureStream(): NodeJS.WriteStream & { text(): string } {
  const chunks: string[] = [];
  const w = new Writable({
    write(chunk: Buffer | string, _enc, cb) {
      chunks.push(chunk.toString());
      cb();
    },
  }) as unknown as NodeJS.WriteStream & { text(): string };
  w.text = () => chunks.join('');
  return w;
}
