/** The pino-shaped subset the adapters log through: a fixed message plus a metadata object (STYLE §11). */
export interface Logger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}
