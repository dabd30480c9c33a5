// Local ESLint rule `goarch/no-import-cycle`: a file under src/ must not load a module that loads it
// back (directly or through others). Written here instead of adding eslint-plugin-import-x: no new
// dependency, and the graph comes from the TypeScript parser the project already has.
import path from 'node:path';
import { cycleThrough, importGraph } from './import-graph.js';

export const noImportCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'forbid import cycles between the files of src/ (type-only imports excepted)' },
    schema: [{ type: 'object', properties: { root: { type: 'string' } }, additionalProperties: false }],
    messages: { cycle: 'import cycle: {{cycle}}' },
  },
  create(context) {
    const root = path.resolve(context.cwd, context.options[0]?.root ?? 'src');
    const file = path.resolve(context.filename);
    if (!file.startsWith(`${root}${path.sep}`)) return {};
    return {
      Program(node) {
        const cycle = cycleThrough(importGraph(root), file);
        if (cycle !== null) context.report({ node, messageId: 'cycle', data: { cycle: cycle.map((f) => path.relative(root, f)).join(' -> ') } });
      },
    };
  },
};
