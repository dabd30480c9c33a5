/** Every size the CLI caps when it reads a log (documented in the README, "Logs as people have them"). */
export const LOG_LIMITS = {
  /** Log text scanned per log (a .gz, or one job of an archive) when --max-bytes is not given: 1 GiB. */
  decompressedBytes: 1024 ** 3,
  /** Log text read from one archive, all members together: 4 GiB; later members are skipped and named. */
  archiveBytes: 4 * 1024 ** 3,
  /** Entries of an archive's central directory. */
  archiveEntries: 10_000,
  /** Bytes of the central directory itself. */
  centralDirectoryBytes: 64 * 1024 ** 2,
  /** A zip that cannot be read in place (from standard input, or inside a .gz) is held in memory up to this: 256 MiB. */
  bufferedZipBytes: 256 * 1024 ** 2,
  /** Job/step changes remembered from gh run view --log output (each a few hundred bytes at most). */
  ghContextChanges: 100_000,
} as const;
