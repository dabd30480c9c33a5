import type * as WorkflowParserModule from '@actions/workflow-parser';

/** The result of checking a workflow against GitHub's workflow schema. */
export interface WorkflowValidation {
  valid: boolean;
  /** "file (Line: 5, Col: 5): Unexpected value 'stepz'" and the like. */
  errors: string[];
}

type WorkflowParser = typeof WorkflowParserModule;
let parser: Promise<WorkflowParser> | undefined;

/**
 * Validates a workflow with GitHub's own parser (@actions/workflow-parser: schema, expressions,
 * keys, job and step shapes) — the check a patched workflow must pass before it is proposed.
 * Pure: no I/O, reusable workflows are not fetched.
 *
 * The parser is imported on first use. It imports its schema JSON without `with { type: 'json' }`,
 * which plain Node ESM refuses ("needs an import attribute of type json"): under Node the entry
 * point must first register a resolve hook that marks that file as JSON (see
 * test/core/fix/load-workflow-validator.ts), or the code must be bundled. vitest and tsx need the
 * same hook unless the package is inlined.
 */
export async function validateWorkflow(text: string, fileName = '.github/workflows/workflow.yml'): Promise<WorkflowValidation> {
  parser ??= import('@actions/workflow-parser');
  const { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } = await parser;
  const parsed = parseWorkflow({ name: fileName, content: text }, new NoOperationTraceWriter());
  const errors = parsed.context.errors.getErrors().map((e) => e.message);
  if (parsed.value === undefined) return { valid: false, errors: errors.length > 0 ? errors : ['the workflow is empty'] };
  const template = await convertWorkflowTemplate(parsed.context, parsed.value);
  for (const error of template.errors ?? []) {
    if (!errors.includes(error.Message)) errors.push(error.Message);
  }
  return { valid: errors.length === 0, errors };
}
