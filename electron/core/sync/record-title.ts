/** A human label for a record in the pending and conflict lists; falls back to the id. */
export function recordTitle(doc: Readonly<Record<string, unknown>>): string {
  for (const field of ['name', 'title', 'subject', 'number', 'email'] as const) {
    const value = doc[field];
    if (typeof value === 'string' && value.trim()) return value;
  }
  const person = [doc.firstName, doc.lastName].filter((v): v is string => typeof v === 'string' && v.length > 0).join(' ');
  if (person) return person;
  return typeof doc.id === 'string' ? doc.id : '';
}
