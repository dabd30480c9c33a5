/**
 * Reads the first `n` bytes of a stream (fewer if it ends) without losing them: the returned stream
 * yields them again, then the rest. Used to recognise gzip, zip and gh run view output by their bytes.
 */
export async function peekStream(source: AsyncIterable<Uint8Array>, n: number): Promise<{ head: Buffer; stream: AsyncIterable<Uint8Array> }> {
  const iterator = source[Symbol.asyncIterator]();
  const seen: Uint8Array[] = [];
  let length = 0;
  let done = false;
  while (length < n) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    // A copy: a source may reuse its buffer for the next chunk (fileChunks reads ahead into one).
    seen.push(Buffer.from(chunk));
    length += chunk.length;
  }
  const head = Buffer.concat(seen).subarray(0, n);
  async function* replay(): AsyncGenerator<Uint8Array> {
    try {
      yield* seen;
      if (done) return;
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        yield next.value;
      }
    } finally {
      if (!done) await iterator.return?.();
    }
  }
  return { head, stream: replay() };
}
