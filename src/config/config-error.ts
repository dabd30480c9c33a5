/** Stable codes for configuration failures (STYLE §10). */
export type ConfigErrorCode = 'config-invalid';

/**
 * Thrown by `loadConfig` with every problem found, one line each, ready to print as is:
 * `config: PORT must be an integer 1-65535 (got "abc")`.
 */
export class ConfigError extends Error {
  readonly code: ConfigErrorCode = 'config-invalid';
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
    this.problems = problems;
  }
}
