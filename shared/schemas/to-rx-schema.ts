import { z } from 'zod';
import type { RxJsonSchema } from 'rxdb';

/** A JSON Schema node as z.toJSONSchema emits it. */
type JsonNode = { [keyword: string]: unknown };
export type IndexSpec = ReadonlyArray<string | ReadonlyArray<string>>;

export const DISCRIMINATOR = 'kind';

/**
 * Derives the RxDB schema of one collection from the zod schemas of the kinds stored in it, so the
 * TypeScript type, the validator and the stored schema come from one definition.
 *
 * A grouped collection's schema is the union of its kinds' properties: a field shared by two kinds
 * must have the same JSON Schema in both (string enums are merged), otherwise this throws at start-up
 * rather than letting one kind's documents be validated against the other's rules. Only fields
 * required by every kind are required; the precise per-kind rules stay in the zod validator.
 */
export function toRxJsonSchema<Doc>(opts: {
  readonly version: number;
  readonly kinds: Readonly<Record<string, z.ZodType>>;
  readonly discriminated: boolean;
  readonly indexes: IndexSpec;
}): RxJsonSchema<Doc> {
  const properties: Record<string, JsonNode> = {};
  let required: string[] | undefined;
  const kindNames = Object.keys(opts.kinds);
  for (const [kind, variant] of Object.entries(opts.kinds)) {
    const json = cleanNode(z.toJSONSchema(variant, { target: 'draft-07', io: 'output', unrepresentable: 'throw' }) as JsonNode);
    const variantProps = (json.properties ?? {}) as Record<string, JsonNode>;
    for (const [key, node] of Object.entries(variantProps)) {
      if (key === DISCRIMINATOR && opts.discriminated) continue;
      const existing = properties[key];
      properties[key] = existing === undefined ? node : mergeProperty(key, kind, existing, node);
    }
    const variantRequired = ((json.required ?? []) as string[]).filter((k) => !(k === DISCRIMINATOR && opts.discriminated));
    required = required === undefined ? variantRequired : required.filter((k) => variantRequired.includes(k));
  }
  if (opts.discriminated) {
    properties[DISCRIMINATOR] = { type: 'string', enum: kindNames, maxLength: Math.max(...kindNames.map((k) => k.length)) };
  }
  const schema = {
    version: opts.version,
    primaryKey: 'id',
    type: 'object',
    properties,
    required: opts.discriminated ? [DISCRIMINATOR, ...(required ?? [])] : (required ?? []),
    additionalProperties: false,
    indexes: opts.indexes.map((index) => (typeof index === 'string' ? index : [...index])),
  };
  // The object is built from runtime data, so TypeScript cannot see that its keys match Doc;
  // the schema tests check it by creating a database with it and inserting generated documents.
  return schema as unknown as RxJsonSchema<Doc>;
}

/** Drops keywords RxDB and its strict Ajv validator do not accept, and bounds enum strings for indexing. */
function cleanNode(node: JsonNode): JsonNode {
  const out: JsonNode = {};
  for (const [keyword, value] of Object.entries(node)) {
    if (keyword === '$schema' || keyword === 'default') continue;
    if (keyword === 'properties' && isRecord(value)) {
      out.properties = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cleanNode(v as JsonNode)]));
    } else if (keyword === 'items' && isRecord(value)) {
      out.items = cleanNode(value as JsonNode);
    } else {
      out[keyword] = value;
    }
  }
  if (out.type === 'string' && Array.isArray(out.enum) && out.maxLength === undefined) {
    out.maxLength = Math.max(...out.enum.map((v) => String(v).length));
  }
  return out;
}

function mergeProperty(key: string, kind: string, a: JsonNode, b: JsonNode): JsonNode {
  if (JSON.stringify(a) === JSON.stringify(b)) return a;
  if (a.type === 'string' && b.type === 'string' && Array.isArray(a.enum) && Array.isArray(b.enum)) {
    const values = [...new Set([...a.enum, ...b.enum])];
    return { type: 'string', enum: values, maxLength: Math.max(...values.map((v) => String(v).length)) };
  }
  throw new Error(`Field "${key}" of kind "${kind}" has a different schema than the same field of another kind in its collection`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
