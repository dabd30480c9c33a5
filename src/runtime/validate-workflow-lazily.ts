import type { WorkflowValidator } from '../service/propose-workflow-fix.js';
import { registerJsonImportHook } from './register-json-import-hook.js';

/**
 * `validateWorkflow` behind a dynamic import: GitHub's workflow parser is loaded on the first patch to
 * check (never by `goarch diagnose` or a server that opens no fix pull request), after its JSON import hook.
 */
export const validateWorkflowLazily: WorkflowValidator = async (text, fileName) => {
  registerJsonImportHook();
  const { validateWorkflow } = await import('../core/fix/validate-workflow.js');
  return validateWorkflow(text, fileName);
};
