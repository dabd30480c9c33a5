/** Stable codes for store failures; one place elsewhere maps them to text (STYLE §10). */
export type StoreErrorCode = 'store-unavailable' | 'store-closed' | 'store-invalid-argument' | 'store-corrupt-record';

export class StoreError extends Error {
  readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
    this.code = code;
  }
}
