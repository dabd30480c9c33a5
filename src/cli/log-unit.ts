/** Where a line of a log unit came from: the archive member and its line, the job and the step. */
export interface LineSource {
  member: string | null;
  job: string | null;
  step: string | null;
  line: number;
}

/** One log to diagnose: a plain log, a .gz, gh output, or one job of an archive (its job log, or its step files in order). */
export interface LogUnit {
  /** The archive member, or the job's folder for its step files; null for a log that is not an archive. */
  name: string | null;
  job: string | null;
  step: string | null;
  stream: AsyncIterable<Uint8Array>;
  /** Where line `line` of the stream came from; valid once the stream has been read. Null: nothing to add. */
  locate(line: number): LineSource | null;
}

/** An archive member that was not diagnosed, and why. */
export interface SkippedMember {
  name: string;
  job: string | null;
  step: string | null;
  reason: string;
}

/** What `openLog` found: the units to diagnose in order, and how much text each may be. */
export interface OpenedLog {
  /** Several logs (an archive's jobs, a run's jobs): capped together, and reported one by one. */
  archive: boolean;
  /** What the several logs are: a zip's members (the default) or the jobs of a GitHub Actions run. */
  origin?: 'run';
  /** The file's size, for the progress bar (plain files only). */
  size: number | null;
  /** Bytes of text scanned per unit when --max-bytes is not given; null: the whole log. */
  defaultMaxBytes: number | null;
  units: LogUnit[];
  skipped: SkippedMember[];
  close(): Promise<void>;
}

/** What a log source may use besides its name: standard input, the environment (tokens for a URL), the cap. */
export interface LogInputs {
  stdin: AsyncIterable<Uint8Array>;
  env: Readonly<Record<string, string | undefined>>;
  /** --max-bytes; null: the defaults of LOG_LIMITS for compressed logs. */
  maxBytes: number | null;
}
