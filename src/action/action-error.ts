/** Stable codes of the Action's own failures; `message` is one line naming the input, variable or file at fault. */
export type ActionErrorCode = 'input-invalid' | 'env-invalid' | 'event-invalid' | 'log-unreadable';

/** A mistake in how the Action was set up (inputs, runner variables, the event): reported in one line, exit code 2. */
export class ActionError extends Error {
  constructor(
    readonly code: ActionErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ActionError';
  }
}
