/**
 * A small JSON Schema checker for our own schemas (test-only, no dependency): type, enum, const,
 * properties, required, additionalProperties, items, minItems, minimum, maximum, minLength, pattern,
 * anyOf and local $ref. A keyword it does not know fails loudly, so a schema cannot silently outgrow it.
 * Returns the first problems found, each as "path: what".
 */
export type Schema = Record<string, unknown>;

const KNOWN = new Set(['$schema', '$id', '$ref', '$defs', 'title', 'description', 'default', 'type', 'enum', 'const', 'properties', 'required', 'additionalProperties', 'items', 'minItems', 'minimum', 'maximum', 'minLength', 'pattern', 'anyOf']);

export function checkJsonSchema(root: Schema, value: unknown): string[] {
  const errors: string[] = [];
  check(root, root, value, '$', errors);
  return errors.slice(0, 10);
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function check(root: Schema, schema: Schema, value: unknown, path: string, errors: string[]): void {
  for (const key of Object.keys(schema)) if (!KNOWN.has(key)) throw new Error(`check-json-schema does not know the keyword "${key}" (at ${path})`);
  if (typeof schema.$ref === 'string') {
    const name = /^#\/\$defs\/(.+)$/.exec(schema.$ref)?.[1];
    const target = name === undefined ? undefined : (root.$defs as Record<string, Schema> | undefined)?.[name];
    if (!target) throw new Error(`unresolved $ref ${schema.$ref}`);
    check(root, target, value, path, errors);
  }
  const t = typeOf(value);
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    if (!types.includes(t) && !(t === 'integer' && types.includes('number'))) {
      errors.push(`${path}: is ${t}, expected ${types.join(' or ')}`);
      return;
    }
  }
  if (schema.enum !== undefined && !(schema.enum as unknown[]).includes(value)) errors.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  if ('const' in schema && schema.const !== value) errors.push(`${path}: must be ${JSON.stringify(schema.const)}`);
  if (schema.anyOf !== undefined) {
    const ok = (schema.anyOf as Schema[]).some((s) => {
      const sub: string[] = [];
      check(root, s, value, path, sub);
      return sub.length === 0;
    });
    if (!ok) errors.push(`${path}: matches none of anyOf`);
  }
  if (typeof value === 'string') {
    if (typeof schema.minLength === 'number' && value.length < schema.minLength) errors.push(`${path}: shorter than ${schema.minLength}`);
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) errors.push(`${path}: does not match ${schema.pattern}`);
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) errors.push(`${path}: below ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && value > schema.maximum) errors.push(`${path}: above ${schema.maximum}`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) errors.push(`${path}: fewer than ${schema.minItems} items`);
    if (schema.items !== undefined) value.forEach((v, i) => check(root, schema.items as Schema, v, `${path}[${i}]`, errors));
  }
  if (t === 'object') {
    const obj = value as Record<string, unknown>;
    for (const key of (schema.required as string[] | undefined) ?? []) if (!(key in obj)) errors.push(`${path}: missing ${key}`);
    const props = (schema.properties as Record<string, Schema> | undefined) ?? {};
    for (const [key, v] of Object.entries(obj)) {
      if (props[key]) check(root, props[key], v, `${path}.${key}`, errors);
      else if (schema.additionalProperties === false) errors.push(`${path}: unknown property ${key}`);
      else if (typeof schema.additionalProperties === 'object' && schema.additionalProperties !== null) check(root, schema.additionalProperties as Schema, v, `${path}.${key}`, errors);
    }
  }
}
