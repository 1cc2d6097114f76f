import {
  getNumberIndexString,
  getPrimaryFieldOfPrimaryKey,
  getSchemaByObjectPath,
  getStringLengthOfIndexNumber,
  INDEX_MAX,
  INDEX_MIN,
  objectPathMonad,
} from 'rxdb/plugins/core';
import type { RxDocumentData, RxJsonSchema, RxQueryPlanKey } from 'rxdb/plugins/core';
import { encodeIndexString } from './index-string';

/**
 * Compact, order-preserving index keys (layout "compact-1").
 *
 * RxDB's own index strings pad every string to its schema maxLength (the [ownerId, name] key is
 * 329 characters, mostly spaces). Ours concatenate one prefix-free part per index field, so
 * comparing two keys compares the field tuples lexicographically, exactly like RxDB's fixed-width
 * strings do, at a fraction of the size:
 * - string: the value in JS (UTF-16 code unit) order, code units 0..3 escaped as ESC + (c + 4),
 *   then the terminator TERM which sorts below every character, so "ab" < "ab\0" < "abc".
 *   A missing value is '' (as in RxDB). Finally encodeIndexString() makes SQLite's UTF-8 byte
 *   order agree with UTF-16 order.
 * - number: RxDB's fixed-width digits (same clamping and rounding), already short and prefix-free.
 * - boolean: '0' / '1'.
 * Deliberate difference from RxDB: strings order exactly as JS compares them. RxDB's space padding
 * sorts "a\t" before "a" and treats "a" and "a " as equal, which disagrees with its own sort
 * comparator; ours agrees with the comparator, which descending scans rely on.
 */
export const INDEX_KEY_LAYOUT = 'compact-2';

/**
 * Layout "compact-2": a sort index (one that ends with the primary key after at least one other
 * field, i.e. every index but the changes index [_meta.lwt, id]) keeps only the first
 * ID_KEY_UNITS code units of the primary key. Truncation is monotone (a <= b implies
 * trunc(a) <= trunc(b)), so the index order is still the result order up to runs of equal keys,
 * which the query layer sorts by the full id (sqlite-query.ts); with random UUIDs (the app's ids)
 * such runs practically never occur. 12 rather than fewer because ids from elsewhere share long
 * prefixes (a legacy system's "ACC-000001", an org prefix of 5 to 8 characters, the timestamp of
 * a UUIDv7): runs of ties cost a sort by id at query time, and a long run a lot of it.
 * Why: the id was a third of every index entry and stored twice (row column and index B-tree); a
 * 5,000-document write dirties nearly every index page, so the index size is what such a write
 * costs, and a shorter key makes both the writes and the file smaller.
 * A bound on a truncated id part is widened to its truncated value (inclusive,
 * IndexRange.widened) and the query matcher decides the rest.
 */
export const ID_KEY_UNITS = 12;

/** Whether the last field of an index (the primary key) is stored truncated (see above). */
export function truncatesPrimaryKey(fields: readonly string[], primaryPath: string): boolean {
  return (
    fields.length > 1 &&
    fields[fields.length - 1] === primaryPath &&
    !fields.includes('_meta.lwt') &&
    fields.some((field) => field !== '_deleted' && field !== primaryPath)
  );
}

const TERM = '\u0002';
const ESC = '\u0003';
/** Below every encoded string part: a lower bound meaning "any value of this field". */
const MIN_PART = '\u0001';
/**
 * Above every encoded part of any field: encodeIndexString never yields more than U+127FF. It is
 * appended raw (never passed through encodeIndexString) and makes later parts irrelevant.
 */
export const MAX_KEY = '\u{10FFFF}';
// Control characters are exactly what this pattern is about.
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[\u0000-\u0003]/;

export function encodeStringPart(value: string): string {
  let escaped = value;
  if (NEEDS_ESCAPE.test(value)) {
    escaped = '';
    for (let i = 0; i < value.length; i++) {
      const unit = value.charCodeAt(i);
      escaped += unit <= 3 ? ESC + String.fromCharCode(unit + 4) : value[i];
    }
  }
  return encodeIndexString(escaped) + TERM;
}

type FieldCodec = {
  /**
   * Whether a stored part tells the value apart from every other, a missing value included (the
   * sort comparator orders missing first, the index stores it like '' / false / 0): a non-empty
   * string; a boolean of a required field; a whole number (the schema's multipleOf 1 or more)
   * strictly between the schema's minimum and maximum, other than 0 unless the field is required.
   * Other numbers are not told apart: the index rounds them to the schema's precision and clamps
   * values out of range (and a missing value is stored as 0) to the bounds.
   */
  readonly distinct: (key: string, at: number) => boolean;
  readonly docPart: (doc: RxDocumentData<unknown>) => string;
  /** Where this field's part of a stored key that starts at `at` ends (parts are prefix-free). */
  readonly partEnd: (key: string, at: number) => number;
  readonly lowerPart: (bound: RxQueryPlanKey) => string;
  readonly upperPart: (bound: RxQueryPlanKey) => string;
};

export type IndexKeyCodec = {
  readonly docKey: (doc: RxDocumentData<unknown>) => string;
  readonly lowerKey: (startKeys: readonly RxQueryPlanKey[]) => string;
  readonly upperKey: (endKeys: readonly RxQueryPlanKey[]) => string;
  /**
   * Whether a bound is wider than asked because the primary key part is truncated: the range must
   * then include that bound's whole truncated key and the matcher decides.
   */
  readonly widens: (keys: readonly RxQueryPlanKey[]) => boolean;
  /** The key without its primary key part: what ties of the sort fields share. */
  readonly sortPrefix: (key: string, id: string) => string;
  /** The same, from the stored key alone (its last part dropped). */
  readonly keyWithoutLastPart: (key: string) => string;
  /**
   * Whether every part but the last tells its value apart (FieldCodec.distinct): then the rows
   * sharing this key prefix are equal for the sort comparator on those fields, which orders them
   * by the last field (the primary key) alone.
   */
  readonly prefixIsDistinct: (key: string) => boolean;
};

/** Mirrors getStartIndexStringFromLowerBound / ...UpperBound of RxDB part by part. */
function fieldCodec<RxDocType>(schema: Readonly<RxJsonSchema<RxDocumentData<RxDocType>>>, field: string, truncate = Infinity): FieldCodec {
  const part = getSchemaByObjectPath(schema as RxJsonSchema<unknown>, field);
  const required = !field.includes('.') && (schema.required as readonly string[] | undefined)?.includes(field) === true;
  const getValue = objectPathMonad<unknown>(field) as (doc: unknown) => unknown;
  switch (part.type) {
    case 'string': {
      const encode = Number.isFinite(truncate) ? (value: string) => encodeStringPart(value.slice(0, truncate)) : encodeStringPart;
      return {
        distinct: (key, at) => key[at] !== TERM,
        docPart: (doc) => {
          const value = getValue(doc);
          return encode(typeof value === 'string' ? value : '');
        },
        // TERM occurs only as a terminator: encodeStringPart escapes every code unit up to 3.
        partEnd: (key, at) => key.indexOf(TERM, at) + 1,
        lowerPart: (bound) => (typeof bound !== 'string' ? MIN_PART : bound === INDEX_MAX ? MAX_KEY : encode(bound)),
        upperPart: (bound) => (typeof bound === 'string' && bound !== INDEX_MAX ? encode(bound) : bound === INDEX_MIN ? MIN_PART : MAX_KEY),
      };
    }
    case 'boolean':
      return {
        distinct: () => required,
        docPart: (doc) => (getValue(doc) ? '1' : '0'),
        partEnd: (_key, at) => at + 1,
        lowerPart: (bound) => (bound === INDEX_MAX ? '1' : bound === null || bound === INDEX_MIN ? '0' : bound ? '1' : '0'),
        upperPart: (bound) => (bound === null || bound === INDEX_MAX ? '1' : bound === INDEX_MIN ? '0' : bound ? '1' : '0'),
      };
    case 'number':
    case 'integer': {
      const lengths = getStringLengthOfIndexNumber(part);
      const width = lengths.nonDecimals + lengths.decimals;
      const lowest = getNumberIndexString(lengths, lengths.minimum);
      const highest = getNumberIndexString(lengths, lengths.maximum);
      const zero = getNumberIndexString(lengths, 0);
      return {
        distinct: (key, at) => {
          if (lengths.decimals > 0) return false;
          const stored = key.slice(at, at + width);
          return stored > lowest && stored < highest && (required || stored !== zero);
        },
        docPart: (doc) => getNumberIndexString(lengths, getValue(doc) as number),
        partEnd: (_key, at) => at + width,
        lowerPart: (bound) =>
          bound === null || bound === INDEX_MIN
            ? '0'.repeat(width)
            : bound === INDEX_MAX
              ? getNumberIndexString(lengths, lengths.maximum)
              : getNumberIndexString(lengths, bound as number),
        upperPart: (bound) =>
          bound === null || bound === INDEX_MAX
            ? '9'.repeat(width)
            : bound === INDEX_MIN
              ? '0'.repeat(width)
              : getNumberIndexString(lengths, bound as number),
      };
    }
    default:
      throw new Error(`SQLite storage: field ${field} of type ${String(part.type)} cannot be indexed`);
  }
}

function primaryPathOf<RxDocType>(schema: Readonly<RxJsonSchema<RxDocumentData<RxDocType>>>): string {
  return getPrimaryFieldOfPrimaryKey(schema.primaryKey) as string;
}

/** One part of a stored key: a field, and how many code units of it are kept. */
type KeyPart = { readonly field: string; readonly units: number };

/** The parts of an index's key: its fields, the primary key truncated where the layout says so. */
function keyParts<RxDocType>(schema: Readonly<RxJsonSchema<RxDocumentData<RxDocType>>>, fields: readonly string[]): KeyPart[] {
  const truncated = truncatesPrimaryKey(fields, primaryPathOf(schema));
  return fields.map((field, i) => ({ field, units: truncated && i === fields.length - 1 ? ID_KEY_UNITS : Infinity }));
}

export function createIndexKeyCodec<RxDocType>(
  schema: Readonly<RxJsonSchema<RxDocumentData<RxDocType>>>,
  fields: readonly string[],
): IndexKeyCodec {
  const parts = keyParts(schema, fields);
  const codecs = parts.map((part) => fieldCodec(schema, part.field, part.units));
  const idUnits = (parts[parts.length - 1] as KeyPart).units;
  const idPart = (id: string) => encodeStringPart(id.slice(0, idUnits));
  const docParts = codecs.map((codec) => codec.docPart);
  const join = (pick: (codec: FieldCodec, i: number) => string): string => {
    let key = '';
    for (let i = 0; i < codecs.length; i++) {
      const codec = codecs[i] as FieldCodec;
      const part = pick(codec, i);
      key += part;
      // Nothing can sort above the sentinel, so whatever would follow it cannot change a comparison.
      if (part === MAX_KEY) {
        break;
      }
    }
    return key;
  };
  return {
    docKey: (doc) => {
      let key = '';
      for (const docPart of docParts) {
        key += docPart(doc);
      }
      return key;
    },
    lowerKey: (startKeys) => join((codec, i) => codec.lowerPart(startKeys[i] as RxQueryPlanKey)),
    upperKey: (endKeys) => join((codec, i) => codec.upperPart(endKeys[i] as RxQueryPlanKey)),
    widens: (keys) => {
      const bound = keys[fields.length - 1];
      return typeof bound === 'string' && bound !== INDEX_MAX && bound.length >= idUnits;
    },
    sortPrefix: (key, id) => key.slice(0, key.length - idPart(id).length),
    prefixIsDistinct: (key) => {
      let at = 0;
      for (let i = 0; i < codecs.length - 1; i++) {
        const codec = codecs[i] as FieldCodec;
        if (!codec.distinct(key, at)) return false;
        at = codec.partEnd(key, at);
      }
      return true;
    },
    keyWithoutLastPart: (key) => {
      let at = 0;
      for (let i = 0; i < codecs.length - 1; i++) at = (codecs[i] as FieldCodec).partEnd(key, at);
      return key.slice(0, at);
    },
  };
}

/**
 * The keys of all indexes of one document at once. Indexes share fields (every one ends with the
 * primary key, most start with _deleted, seven accounts indexes hold `name`), so each distinct
 * field is encoded once per document and the keys are concatenated from those parts: a third of
 * the encoding work of calling every index's docKey at 100k-document bulk writes.
 */
export type RowKeysEncoder = {
  /** The key of every index of one document, in the order the indexes were given. */
  readonly all: (doc: RxDocumentData<unknown>) => string[];
  /**
   * The keys of a rewritten document, `undefined` for every index whose fields hold the same
   * values as in `previous` (its stored key is then unchanged): only the changed keys are encoded.
   */
  readonly changed: (doc: RxDocumentData<unknown>, previous: RxDocumentData<unknown>) => Array<string | undefined>;
};

export function createRowKeysEncoder<RxDocType>(
  schema: Readonly<RxJsonSchema<RxDocumentData<RxDocType>>>,
  indexes: ReadonlyArray<ReadonlyArray<string>>,
): RowKeysEncoder {
  const partsOf = indexes.map((index) => keyParts(schema, index));
  const name = (part: KeyPart) => `${part.field}/${part.units}`;
  const distinct = [...new Map(partsOf.flat().map((part) => [name(part), part])).values()];
  const names = distinct.map(name);
  const docParts = distinct.map((part) => fieldCodec(schema, part.field, part.units).docPart);
  const values = distinct.map((part) => objectPathMonad<unknown>(part.field) as (doc: unknown) => unknown);
  const positions = partsOf.map((index) => index.map((part) => names.indexOf(name(part))));
  const keyOf = (at: readonly number[], parts: ReadonlyArray<string | undefined>): string => {
    let key = '';
    for (const i of at) key += parts[i] as string;
    return key;
  };
  return {
    all: (doc) => {
      const parts = docParts.map((docPart) => docPart(doc));
      return positions.map((at) => keyOf(at, parts));
    },
    changed: (doc, previous) => {
      // An indexed field holds a string, number or boolean (or nothing): equal values, equal parts.
      const differs = values.map((value) => !Object.is(value(doc), value(previous)));
      const parts: Array<string | undefined> = new Array<string | undefined>(distinct.length);
      return positions.map((at) => {
        if (!at.some((i) => differs[i])) return undefined;
        for (const i of at) parts[i] ??= (docParts[i] as (doc: unknown) => string)(doc);
        return keyOf(at, parts);
      });
    },
  };
}
