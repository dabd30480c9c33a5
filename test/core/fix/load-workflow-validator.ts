import { registerJsonImportHook } from '../../../src/runtime/register-json-import-hook.js';
import type { validateWorkflow } from '../../../src/core/fix/validate-workflow.js';

let loaded: Promise<typeof validateWorkflow> | undefined;

/**
 * Imports validateWorkflow after registering the JSON-attribute hook that @actions/workflow-parser needs
 * under Node (src/runtime/register-json-import-hook.ts, the same hook the CLI and the workers register).
 */
export function loadWorkflowValidator(): Promise<typeof validateWorkflow> {
  loaded ??= (async () => {
    registerJsonImportHook();
    const module = await import('../../../src/core/fix/validate-workflow.js');
    return module.validateWorkflow;
  })();
  return loaded;
}
