/** A rule file that cannot be used. `message` is one line naming the file and the field at fault. */
export class RuleError extends Error {
  readonly code = 'RULE_INVALID';
  constructor(
    readonly file: string,
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${file}: ${field}: ${reason}`);
    this.name = 'RuleError';
  }
}
