import type { FieldValues, Path, PathValue, UseFormReturn } from 'react-hook-form';

/**
 * After a save conflict: the form takes `latest` (the record as stored now) as its new baseline,
 * then the fields the user had changed get the user's values back, still marked dirty, so the next
 * save sends those edits over the other change. `dirtyFields` is passed in (read during render) so
 * react-hook-form keeps tracking which fields are dirty.
 */
export function resetKeepingEdits<V extends FieldValues>(
  form: Pick<UseFormReturn<V, unknown, unknown>, 'getValues' | 'reset' | 'setValue'>,
  latest: V,
  dirtyFields: object,
): void {
  const mine = form.getValues();
  const dirty = Object.keys(dirtyFields) as Array<Path<V>>;
  form.reset(latest);
  for (const field of dirty) form.setValue(field, mine[field] as PathValue<V, Path<V>>, { shouldDirty: true });
}
