/**
 * A document's JSON Schema, as zod writes it (`z.toJSONSchema(schema, { io: 'output' })`, draft 2020-12), and
 * the one question a write asks of it: would zod return this JSON value exactly as it is? That is what a stamp
 * says (stamp.ts), and answering it here lets a write stamp its file without loading zod (issue 11 §3: zod
 * costs ~10 ms of every `ca create` and `cert issue`).
 *
 * Only the keywords zod writes for the data directory's documents are understood, with zod's meaning
 * (string lengths in UTF-16 code units, as `z.string().max()` counts). Any other keyword, or a schema
 * without a `type`, answers "no": the file is then written unstamped and its next read validates it with zod,
 * so what this module does not know costs time, never correctness. The schemas themselves stay in zod
 * (document-schemas.ts); document-shapes.ts holds what toJSONSchema makes of them, which
 * test/unit/main/core/store/document-stamp.test.ts checks, along with this module's answers against zod's.
 */

type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'null' | 'object' | 'array';

export interface Shape {
  type?: JsonType | readonly JsonType[];
  const?: string | number | boolean | null;
  enum?: readonly (string | number | boolean | null)[];
  properties?: Readonly<Record<string, Shape>>;
  required?: readonly string[];
  /** `false`: no other member (zod would strip it); a shape: a record's values. */
  additionalProperties?: false | Shape;
  /** A record's keys; JSON keys are strings, so only `{ type: 'string' }` is understood. */
  propertyNames?: Shape;
  items?: Shape;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  /** An annotation: the output schema also lists the member as required, which is what is checked. */
  default?: unknown;
}

const KNOWN = new Set<string>([
  'type',
  'const',
  'enum',
  'properties',
  'required',
  'additionalProperties',
  'propertyNames',
  'items',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'default',
]);

/** Returned for "no": never a JSON value. */
const NO = Symbol('not as the schema returns it');

/**
 * `value` with every object's members in the schema's order (zod returns them so), when zod would accept it
 * and return it unchanged; `undefined` otherwise. `value` is what `JSON.parse` gives.
 */
export function inSchemaOrder(value: unknown, shape: Shape): unknown {
  const ordered = conform(value, shape);
  return ordered === NO ? undefined : ordered;
}

function conform(value: unknown, shape: Shape): unknown {
  if (Object.keys(shape).some((keyword) => !KNOWN.has(keyword)) || shape.type === undefined) return NO;
  const types: readonly JsonType[] = typeof shape.type === 'string' ? [shape.type] : shape.type;
  const type = types.find((t) => hasType(value, t));
  if (type === undefined) return NO;
  if (shape.const !== undefined && value !== shape.const) return NO;
  if (shape.enum && !shape.enum.includes(value as never)) return NO;
  if (typeof value === 'number' && !withinNumber(value, shape)) return NO;
  if (typeof value === 'string' && !withinLength(value, shape)) return NO;
  if (type === 'array') return shape.items ? conformItems(value as unknown[], shape.items) : NO;
  if (type === 'object') return conformObject(value as Record<string, unknown>, shape);
  return value;
}

function hasType(value: unknown, type: JsonType): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'null':
      return value === null;
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
  }
}

function withinNumber(value: number, shape: Shape): boolean {
  return (
    (shape.minimum === undefined || value >= shape.minimum) &&
    (shape.maximum === undefined || value <= shape.maximum)
  );
}

function withinLength(value: string, shape: Shape): boolean {
  return (
    (shape.minLength === undefined || value.length >= shape.minLength) &&
    (shape.maxLength === undefined || value.length <= shape.maxLength)
  );
}

function conformItems(items: unknown[], shape: Shape): unknown {
  const out: unknown[] = [];
  for (const item of items) {
    const ordered = conform(item, shape);
    if (ordered === NO) return NO;
    out.push(ordered);
  }
  return out;
}

/**
 * An object with known members (`properties`, in their order, every `required` one present, nothing else)
 * or a record (`additionalProperties` a shape, keys in the value's order). Both at once (a catchall) is not
 * something the documents use, nor understood.
 */
function conformObject(value: Record<string, unknown>, shape: Shape): unknown {
  const { properties, additionalProperties: values } = shape;
  const keysShape = shape.propertyNames;
  if (keysShape && (Object.keys(keysShape).length !== 1 || keysShape.type !== 'string')) return NO;
  const out: Record<string, unknown> = {};
  if (properties && values === false) {
    for (const key of Object.keys(value)) if (!Object.hasOwn(properties, key)) return NO;
    for (const key of shape.required ?? []) if (!Object.hasOwn(value, key)) return NO;
    for (const [key, member] of Object.entries(properties)) {
      if (!Object.hasOwn(value, key)) continue;
      const ordered = conform(value[key], member);
      if (ordered === NO) return NO;
      out[key] = ordered;
    }
    return out;
  }
  if (!properties && typeof values === 'object' && !shape.required) {
    for (const [key, member] of Object.entries(value)) {
      // An own "__proto__" member (JSON.parse makes one) would set the copy's prototype instead.
      if (key === '__proto__') return NO;
      const ordered = conform(member, values);
      if (ordered === NO) return NO;
      out[key] = ordered;
    }
    return out;
  }
  return NO;
}
