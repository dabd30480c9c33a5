import { register } from 'node:module';

// @actions/workflow-parser imports its schema JSON without `with { type: 'json' }`, which Node's ESM
// loader refuses ("needs an import attribute of type json"). This resolve hook marks that package's
// JSON files as JSON. Registered by every entry that validates workflows (the CLI's `fix`, the GitHub
// workers, the tests) before the parser's first import; registering twice is harmless but skipped.
const HOOK = `
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  if (result.url.endsWith('.json') && result.url.includes('/@actions/workflow-parser/')) {
    return { ...result, format: 'json', importAttributes: { ...result.importAttributes, type: 'json' } };
  }
  return result;
}
`;

let registered = false;

/** Registers the resolve hook that lets Node import @actions/workflow-parser (once per process). */
export function registerJsonImportHook(): void {
  if (registered) return;
  register(`data:text/javascript,${encodeURIComponent(HOOK)}`);
  registered = true;
}
