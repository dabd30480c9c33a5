import type { FixStrategy } from './fix-strategy.js';
import { addMissingPlatform } from './strategies/add-missing-platform.js';
import { addQemuBeforeBuildx } from './strategies/add-qemu-before-buildx.js';
import { enableCgo } from './strategies/enable-cgo.js';
import { excludeUnsupportedPair } from './strategies/exclude-unsupported-pair.js';
import { fixGoarchSpelling } from './strategies/fix-goarch-spelling.js';
import { installCrossCompiler } from './strategies/install-cross-compiler.js';
import { registerQemuForBinary } from './strategies/register-qemu-for-binary.js';
import { runOnNativeRunner } from './strategies/run-on-native-runner.js';

/**
 * Every workflow fix strategy, in the order they are tried for a class: the most specific first
 * (buildx before a generic QEMU step, a native runner before emulation). Add new strategies here.
 */
export const fixStrategies: readonly FixStrategy[] = [
  addQemuBeforeBuildx,
  installCrossCompiler,
  enableCgo,
  fixGoarchSpelling,
  excludeUnsupportedPair,
  runOnNativeRunner,
  addMissingPlatform,
  registerQemuForBinary,
];
