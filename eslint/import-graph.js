// The import graph of src/, built once per lint run with the TypeScript compiler's parser (no type
// checking, no resolver plugin). Only imports that load a module count: `import type` and
// `export type ... from` are erased at build time and cannot make a load-order cycle, as in
// eslint-plugin-import's no-cycle. Dynamic `import()` counts. Used by eslint/no-import-cycle.js.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const graphs = new Map();

/** Relative imports of every .ts file under `root`, resolved to absolute paths (`.js` specifiers name `.ts` files). */
export function importGraph(root) {
  const cached = graphs.get(root);
  if (cached !== undefined) return cached;
  const graph = new Map();
  for (const file of tsFiles(root)) {
    const targets = new Set();
    for (const specifier of valueImports(file)) {
      if (specifier.startsWith('.')) targets.add(path.resolve(path.dirname(file), specifier.replace(/\.js$/, '.ts')));
    }
    graph.set(file, targets);
  }
  graphs.set(root, graph);
  return graph;
}

/** A cycle through `file` (the files in import order, back to `file`), or null. */
export function cycleThrough(graph, file) {
  const stack = [[file, [file]]];
  const seen = new Set();
  while (stack.length > 0) {
    const [at, trail] = stack.pop();
    for (const next of graph.get(at) ?? []) {
      if (next === file) return [...trail, file];
      if (seen.has(next) || !graph.has(next)) continue;
      seen.add(next);
      stack.push([next, [...trail, next]]);
    }
  }
  return null;
}

/** The module specifiers a file loads at run time. */
function valueImports(file) {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const out = [];
  const visit = (node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const typeOnly = clause !== undefined && (clause.isTypeOnly || (clause.name === undefined && clause.namedBindings !== undefined && ts.isNamedImports(clause.namedBindings) && clause.namedBindings.elements.length > 0 && clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      if (!typeOnly) out.push(node.moduleSpecifier.text);
      return;
    }
    if (ts.isExportDeclaration(node) && node.moduleSpecifier !== undefined && ts.isStringLiteral(node.moduleSpecifier)) {
      if (!node.isTypeOnly) out.push(node.moduleSpecifier.text);
      return;
    }
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] !== undefined && ts.isStringLiteral(node.arguments[0])) out.push(node.arguments[0].text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

function tsFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...tsFiles(full));
    else if (entry.name.endsWith('.ts')) out.push(full);
  }
  return out;
}
