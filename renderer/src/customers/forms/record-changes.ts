/**
 * What an edit form sends: a patch of the fields whose value changed, and the optional fields the
 * user emptied (to unset), so an edit never rewrites fields it did not touch.
 */
export function recordChanges<Values, Optional extends string>(
  original: Readonly<Record<string, unknown>>,
  values: Readonly<Record<string, unknown>>,
  fields: ReadonlyArray<string>,
  optional: ReadonlySet<string>,
): { patch: Partial<Values>; unset: Optional[] } {
  const patch: Record<string, unknown> = {};
  const unset: Optional[] = [];
  for (const field of fields) {
    const next = values[field];
    const before = original[field];
    if (next === undefined) {
      if (before !== undefined && optional.has(field)) unset.push(field as Optional);
    } else if (next !== before) {
      patch[field] = next;
    }
  }
  return { patch: patch as Partial<Values>, unset };
}
