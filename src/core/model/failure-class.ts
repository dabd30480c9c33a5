/** The failure classes goarch diagnoses. These ids are a public contract (JSON output, config, metrics). */
export const FAILURE_CLASSES = [
  'exec-format-error',
  'qemu-binfmt-missing',
  'dlopen-arch-mismatch',
  'cgo-cross-linker',
  'cgo-disabled',
  'unsupported-platform',
  'image-platform-mismatch',
] as const;

export type FailureClass = (typeof FAILURE_CLASSES)[number];

export function isFailureClass(value: string): value is FailureClass {
  return (FAILURE_CLASSES as readonly string[]).includes(value);
}
