/** Stable codes for misuse of a queue (not job failures: those are `JobError`). */
export type QueueErrorCode = 'queue-invalid-option' | 'queue-closed' | 'queue-already-processing';

export class QueueError extends Error {
  readonly code: QueueErrorCode;

  constructor(code: QueueErrorCode, message: string) {
    super(message);
    this.name = 'QueueError';
    this.code = code;
  }
}
