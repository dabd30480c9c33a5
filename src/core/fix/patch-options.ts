/** Options of patchWorkflow; every field has a default. */
export interface PatchOptions {
  /** For a foreign binary run on the runner: move the leg to a native runner (default) or register QEMU. */
  foreignBinary?: 'native-runner' | 'qemu';
  /** Runner label for arm64/arm legs when the current label gives no version to follow. */
  armRunner?: string;
  /** Runner label for amd64/386 legs when the current label gives no version to follow. */
  x64Runner?: string;
  /** A patch that changes more lines than this (added + removed) is not proposed. */
  maxChangedLines?: number;
  /** Try only the strategy with this id. */
  strategy?: string;
}

export const DEFAULT_PATCH_OPTIONS: Required<PatchOptions> = {
  foreignBinary: 'native-runner',
  armRunner: 'ubuntu-24.04-arm',
  x64Runner: 'ubuntu-24.04',
  maxChangedLines: 24,
  strategy: '',
};
