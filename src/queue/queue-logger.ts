/** The pino-shaped subset the queues log through: a fixed message plus a metadata object. */
export interface QueueLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}
