/** The longest annotation message written; GitHub shows about this much anyway. */
const MAX_MESSAGE = 1000;
const MAX_PROPERTY = 200;

/** Data of a workflow command: `%`, CR and LF escaped, so text from a log can never end the command or start another. */
export function escapeCommandData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value of a workflow command: as data, plus `:` and `,`, which would end the value. */
export function escapeCommandProperty(text: string): string {
  return escapeCommandData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** Other control characters (ANSI escapes, NUL...) are dropped; tabs become spaces. */
function printable(text: string, max: number): string {
  // eslint-disable-next-line no-control-regex -- the point is to remove control characters
  const clean = text.replace(/\t/g, ' ').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

export interface AnnotationProperties {
  title?: string;
  file?: string;
  line?: number;
}

/** One `::error …::message` line (with its newline), every part escaped and capped. */
export function errorAnnotation(message: string, properties: AnnotationProperties = {}): string {
  const props: string[] = [];
  if (properties.file !== undefined) props.push(`file=${escapeCommandProperty(printable(properties.file, MAX_PROPERTY))}`);
  if (properties.line !== undefined && Number.isSafeInteger(properties.line) && properties.line > 0) props.push(`line=${properties.line}`);
  if (properties.title !== undefined) props.push(`title=${escapeCommandProperty(printable(properties.title, MAX_PROPERTY))}`);
  return `::error${props.length > 0 ? ` ${props.join(',')}` : ''}::${escapeCommandData(printable(message, MAX_MESSAGE))}\n`;
}
