import { isScalar } from 'yaml';
import type { JobOutline, StepOutline } from './workflow-outline.js';
import type { WorkflowSource } from './workflow-source.js';

const INLINE_GOARCH = /\bGOARCH=["']?([A-Za-z0-9_${}.\s]+?)["']?(?=\s|$|;|&)/g;

/** GOARCH values a step or job sets literally (env blocks and `GOARCH=… cmd` in scripts). */
export function jobGoarchValues(source: WorkflowSource, job: JobOutline, steps: readonly StepOutline[] = job.steps): string[] {
  const values: string[] = [];
  const fromEnv = (env: JobOutline['env']): void => {
    for (const pair of env?.items ?? []) {
      const value = source.deref(pair.value);
      if (isScalar(pair.key) && String(pair.key.value).toUpperCase() === 'GOARCH' && isScalar(value)) values.push(String(value.value));
    }
  };
  fromEnv(job.env);
  for (const step of steps) {
    fromEnv(step.env);
    for (const match of (step.run ?? '').matchAll(INLINE_GOARCH)) if (match[1]) values.push(match[1].trim());
  }
  return values;
}
