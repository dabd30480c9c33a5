/** Every size the CLI caps when it reads a log (documented in the README, "Logs as people have them"). */
export const LOG_LIMITS = {
  /** Log text scanned per log (a .gz, one job of an archive or of a run URL) when --max-bytes is not given: 1 GiB. */
  decompressedBytes: 1024 ** 3,
  /** Log text read from one archive (or one run's jobs), all members together: 4 GiB; later members are skipped and named. */
  archiveBytes: 4 * 1024 ** 3,
  /** Entries of an archive's central directory. */
  archiveEntries: 10_000,
  /** Bytes of the central directory itself. */
  centralDirectoryBytes: 64 * 1024 ** 2,
  /** A zip that cannot be read in place (from standard input, or inside a .gz) is held in memory up to this: 256 MiB. */
  bufferedZipBytes: 256 * 1024 ** 2,
  /** A JSON answer of GitHub's API (a run URL): a page of 100 jobs with their steps is a few hundred KB. */
  apiAnswerBytes: 16 * 1024 ** 2,
  /** Pages of 100 jobs listed for a run URL: 1,000 jobs, far beyond a matrix's 256. */
  runJobPages: 10,
  /** Job/step changes remembered from gh run view --log output (each a few hundred bytes at most). */
  ghContextChanges: 100_000,
} as const;
