import { isScalar } from 'yaml';
import { pairOf } from './pair-of.js';
import type { QemuRef } from './qemu-action-ref.js';
import type { WorkflowOutline } from './workflow-outline.js';
import type { WorkflowSource } from './workflow-source.js';

/** The docker/setup-qemu-action reference another job of the same file already uses, if any. */
export function existingQemuRef(outline: WorkflowOutline, source: WorkflowSource): QemuRef | null {
  for (const job of outline.jobs) {
    for (const step of job.steps) {
      if (!step.uses?.startsWith('docker/setup-qemu-action@')) continue;
      const node = pairOf(step.node, 'uses')?.value;
      const comment = isScalar(node) && node.range ? source.restOfLine(node.range[1]) : '';
      return { uses: step.uses, comment: comment.trim() === '' ? '' : comment };
    }
  }
  return null;
}
