import { register } from 'node:module';
import type { validateWorkflow } from '../../../src/core/fix/validate-workflow.js';

// @actions/workflow-parser imports its schema JSON without `with { type: 'json' }`, which Node's ESM
// loader refuses, and vitest loads node_modules natively. This resolve hook marks that one JSON file
// as JSON before the validator is imported. (A vitest `server.deps.inline: ['@actions/workflow-parser']`
// setting would do the same for the whole test run; the CLI needs the hook or a bundler.)
const HOOK = `
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  if (result.url.endsWith('.json') && result.url.includes('/@actions/workflow-parser/')) {
    return { ...result, format: 'json', importAttributes: { ...result.importAttributes, type: 'json' } };
  }
  return result;
}
`;

let loaded: Promise<typeof validateWorkflow> | undefined;

/** Imports validateWorkflow after registering the JSON-attribute hook (once per process). */
export function loadWorkflowValidator(): Promise<typeof validateWorkflow> {
  loaded ??= (async () => {
    register(`data:text/javascript,${encodeURIComponent(HOOK)}`);
    const module = await import('../../../src/core/fix/validate-workflow.js');
    return module.validateWorkflow;
  })();
  return loaded;
}
