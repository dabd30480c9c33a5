/** A user mistake on the command line: printed as one line, exit code 2. */
export class CliError extends Error {
  constructor(
    readonly code: 'BAD_FLAG' | 'BAD_INPUT' | 'BAD_RULES' | 'BAD_WORKFLOW',
    message: string,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
