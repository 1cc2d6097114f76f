import { describe, expect, it } from 'vitest';
import { mergeDocuments, sameDocument, type SyncDoc } from './field-merge';

const base: SyncDoc = { id: 'a', name: 'Acme', city: 'Berlin', phone: '1', updatedAt: 10, serverRevision: 3, _deleted: false };

describe('three-way field merge', () => {
  it('takes fields changed on one side only, from that side, with no conflict', () => {
    const server = { ...base, city: 'Munich', updatedAt: 20, serverRevision: 4 };
    const local = { ...base, phone: '2', updatedAt: 30 };
    const { doc, conflicts } = mergeDocuments(base, server, local);
    expect(doc).toMatchObject({ city: 'Munich', phone: '2', updatedAt: 30, serverRevision: 4, _deleted: false });
    expect(conflicts).toEqual([]);
  });

  it('keeps the server value when both changed one field, and reports it', () => {
    const server = { ...base, name: 'Acme Server', serverRevision: 4 };
    const local = { ...base, name: 'Acme Local', city: 'Paris' };
    const { doc, conflicts } = mergeDocuments(base, server, local);
    expect(doc).toMatchObject({ name: 'Acme Server', city: 'Paris' });
    expect(conflicts).toEqual([{ field: 'name', localValue: 'Acme Local', serverValue: 'Acme Server', ancestorValue: 'Acme' }]);
  });

  it('treats a field removed on one side as a change', () => {
    const { phone: _p, ...withoutPhone } = base;
    const { doc, conflicts } = mergeDocuments(base, { ...base, serverRevision: 4 }, { ...withoutPhone, _deleted: false });
    expect(doc).not.toHaveProperty('phone');
    expect(conflicts).toEqual([]);
  });

  it('resolves a conflict that is only a newer server revision (push then edit before the echo)', () => {
    const { doc, conflicts } = mergeDocuments(base, { ...base, serverRevision: 4 }, { ...base, city: 'Rome' });
    expect(doc).toMatchObject({ city: 'Rome', serverRevision: 4 });
    expect(conflicts).toEqual([]);
  });

  it('delete against edit: the server edit wins over a local delete', () => {
    const { doc, conflicts } = mergeDocuments(base, { ...base, city: 'Oslo', serverRevision: 4 }, { ...base, _deleted: true });
    expect(doc).toMatchObject({ city: 'Oslo', _deleted: false });
    expect(conflicts).toEqual([{ field: '_deleted', localValue: true, serverValue: false, ancestorValue: false }]);
  });

  it('delete against edit: a local edit restores a record deleted on the server', () => {
    const { doc, conflicts } = mergeDocuments(base, { ...base, serverRevision: 4, _deleted: true }, { ...base, city: 'Lima' });
    expect(doc).toMatchObject({ city: 'Lima', serverRevision: 4, _deleted: false });
    expect(conflicts.map((c) => c.field)).toEqual(['_deleted']);
  });

  it('a local delete of an unchanged record stays a delete', () => {
    const { doc, conflicts } = mergeDocuments(base, { ...base, serverRevision: 4 }, { ...base, _deleted: true });
    expect(doc).toMatchObject({ _deleted: true, serverRevision: 4 });
    expect(conflicts).toEqual([]);
  });

  it('a merge tombstone from the server wins over a local edit of the merged record, reported as a conflict', () => {
    const tombstone = { ...base, serverRevision: 4, _deleted: true, mergedIntoId: 'b' };
    const { doc, conflicts } = mergeDocuments(base, tombstone, { ...base, city: 'Lima' });
    expect(doc).toEqual(tombstone);
    expect(conflicts.map((c) => c.field)).toEqual(['_deleted']);
  });

  it('a local merge tombstone wins over a server edit of the merged record, reported as a conflict', () => {
    const tombstone = { ...base, _deleted: true, mergedIntoId: 'b' };
    const { doc, conflicts } = mergeDocuments(base, { ...base, city: 'Oslo', serverRevision: 4 }, tombstone);
    expect(doc).toMatchObject({ _deleted: true, mergedIntoId: 'b', city: 'Berlin', serverRevision: 4 });
    expect(conflicts).toEqual([{ field: '_deleted', localValue: true, serverValue: false, ancestorValue: false }]);
    expect(mergeDocuments(base, { ...base, serverRevision: 4 }, tombstone).conflicts).toEqual([]);
  });

  it('compares objects and arrays by value, not key order', () => {
    const server = { ...base, tags: ['a', 'b'], address: { b: 1, a: 2 } };
    const local = { ...base, tags: ['a', 'b'], address: { a: 2, b: 1 } };
    expect(mergeDocuments(undefined, server, local).conflicts).toEqual([]);
  });
});

describe('sameDocument', () => {
  it("ignores RxDB's local bookkeeping and key order, and nothing else unless asked", () => {
    const stored = { _meta: { lwt: 5 }, _rev: '2-x', _attachments: {}, ...base, address: { a: 1, b: 2 } };
    const wire = { ...base, address: { b: 2, a: 1 } };
    expect(sameDocument(stored, wire)).toBe(true);
    expect(sameDocument(wire, stored)).toBe(true);
    expect(sameDocument(stored, { ...wire, city: 'Oslo' })).toBe(false);
    expect(sameDocument(stored, { ...wire, serverRevision: 4 })).toBe(false);
    expect(sameDocument(stored, { ...wire, serverRevision: 4 }, new Set(['serverRevision']))).toBe(true);
    // A field present on one side only differs; one set to undefined counts as absent.
    expect(sameDocument(stored, { ...wire, notes: 'x' })).toBe(false);
    expect(sameDocument({ ...stored, notes: undefined }, wire)).toBe(true);
    expect(sameDocument(stored, { ...wire, _deleted: true })).toBe(false);
  });
});
