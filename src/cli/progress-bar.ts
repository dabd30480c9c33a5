/** A one-line progress bar on a terminal stream; silent when the stream is not a TTY or the log is small. */
export function progressBar(stream: NodeJS.WriteStream, total: number | null): { update(bytes: number): void; done(): void } {
  const enabled = !!stream.isTTY && total !== null && total > 16 * 1024 * 1024;
  let last = -1;
  return {
    update(bytes: number) {
      if (!enabled || total === null) return;
      const pct = Math.min(100, Math.floor((bytes / total) * 100));
      if (pct === last) return;
      last = pct;
      const width = 30;
      const fill = Math.round((pct / 100) * width);
      stream.write(`\r[${'#'.repeat(fill)}${' '.repeat(width - fill)}] ${pct}% of ${(total / 1024 / 1024).toFixed(0)} MB`);
    },
    done() {
      if (enabled) stream.write('\r\x1b[K');
    },
  };
}
