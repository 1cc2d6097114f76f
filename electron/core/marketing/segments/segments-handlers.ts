import { randomUUID } from 'node:crypto';
import type { RxCollection } from 'rxdb';
import { ok } from '../../../../shared/contract';
import type { SegmentPreviewRow, SegmentRow } from '../../../../shared/contract/marketing/segments-requests';
import { segmentDefinitionSchema, type SegmentDefinition, type SegmentTarget } from '../../../../shared/marketing/segment-conditions';
import type { Account, Contact, Lead, MarketingDoc, Segment } from '../../../../shared/schemas';
import { contactName } from '../../../../shared/schemas/contact-name';
import type { StoreDeps } from '../../customers/record-store';
import { toStored } from '../../db/validated-documents';
import { forEachDocument } from '../../db/for-each-document';
import { defineHandlers } from '../../rpc/dispatcher';
import { HandlerError } from '../../rpc/handler-error';
import { createSalesStore } from '../../sales/sales-store';
import { accountRow, contactRow, leadRow, toSegmentCsv } from './segment-csv';
import type { SegmentEngine } from './segment-engine';

const KIND = 'segment';

type StoredSegment = Segment & { revision: string };

const leadName = (l: Pick<Lead, 'firstName' | 'lastName'>): string => contactName(l);

/** The stored definition as the engine reads it, or null when it does not parse (a newer version wrote it). */
export function definitionOf(segment: Pick<Segment, 'definition'>): SegmentDefinition | null {
  const parsed = segmentDefinitionSchema.safeParse(segment.definition);
  return parsed.success ? parsed.data : null;
}

/**
 * Saved segments live in the marketing collection and sync like campaigns; their sizes, the builder's
 * live count and previews come from the core's segment index (segment-engine.ts), never from a scan.
 */
export function createSegmentsHandlers(
  deps: StoreDeps & { readonly engine: SegmentEngine },
  options: { readonly newId?: () => string } = {},
) {
  const newId = options.newId ?? randomUUID;
  const { engine } = deps;
  const store = createSalesStore<MarketingDoc>('marketing', deps);

  async function segment(id: string): Promise<StoredSegment> {
    const doc = await store.collection.findOne(id).exec();
    if (doc?.kind !== KIND) throw new HandlerError('not_found', `No segment with id ${id}`);
    return toStored(doc as never) as StoredSegment;
  }

  async function withSize(row: StoredSegment): Promise<SegmentRow> {
    const definition = definitionOf(row);
    if (!definition) return { ...row, size: null, total: await engine.total(row.definition.target) };
    const { count, total } = await engine.count(definition);
    return { ...row, size: count, total };
  }

  /** Names of accounts by id, read in pages (an export may name tens of thousands). */
  async function accountNames(ids: ReadonlySet<string>): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    if (ids.size === 0) return names;
    if (ids.size <= 500) {
      for (const [id, doc] of await deps.db.accounts.findByIds([...ids]).exec()) names.set(id, doc.name);
      return names;
    }
    await forEachDocument<Account>(deps.db, deps.db.accounts, (a) => {
      if (ids.has(a.id)) names.set(a.id, a.name);
    });
    return names;
  }

  async function previewRows(target: SegmentTarget, ids: ReadonlyArray<string>): Promise<SegmentPreviewRow[]> {
    if (ids.length === 0) return [];
    if (target === 'accounts') {
      const found = await deps.db.accounts.findByIds([...ids]).exec();
      return ids.flatMap((id) => {
        const a = found.get(id);
        return a ? [{ id, name: a.name, detail: a.industry ?? null }] : [];
      });
    }
    if (target === 'contacts') {
      const found = await deps.db.contacts.findByIds([...ids]).exec();
      const names = await accountNames(new Set([...found.values()].map((c) => c.accountId)));
      return ids.flatMap((id) => {
        const c = found.get(id);
        return c ? [{ id, name: contactName(c), detail: names.get(c.accountId) ?? null }] : [];
      });
    }
    const found = await deps.db.leads.findByIds([...ids]).exec();
    return ids.flatMap((id) => {
      const l = found.get(id);
      return l ? [{ id, name: leadName(l), detail: l.company ?? null }] : [];
    });
  }

  async function csvRows(definition: SegmentDefinition): Promise<string[][]> {
    const selected = new Set(await engine.ids(definition));
    const rows: string[][] = [];
    if (selected.size === 0) return rows;
    const owners = new Set((await deps.db.org.find({ selector: { kind: 'user' } }).exec()).map((u) => u.id));
    const read = <T extends { id: string }>(collection: RxCollection<T>, each: (doc: T) => void) =>
      forEachDocument<T>(deps.db, collection, (doc) => {
        if (selected.has(doc.id)) each(doc);
      });
    if (definition.target === 'accounts') await read<Account>(deps.db.accounts, (a) => rows.push(accountRow(a, owners)));
    else if (definition.target === 'leads') await read<Lead>(deps.db.leads, (l) => rows.push(leadRow(l)));
    else {
      const contacts: Contact[] = [];
      await read<Contact>(deps.db.contacts, (c) => contacts.push(c));
      const names = await accountNames(new Set(contacts.map((c) => c.accountId)));
      for (const c of contacts) rows.push(contactRow(c, names.get(c.accountId), owners));
    }
    return rows;
  }

  return defineHandlers({
    'segments.list': async ({ target, sizes, offset, limit }) => {
      const docs = await store.collection.find({ selector: { kind: KIND }, sort: [{ kind: 'asc' }, { name: 'asc' }] } as never).exec();
      const all = docs.map((d) => toStored(d) as StoredSegment).filter((s) => target === undefined || s.definition.target === target);
      const page = all.slice(offset, offset + limit);
      const rows = sizes ? await Promise.all(page.map(withSize)) : page.map((row) => ({ ...row, size: null, total: 0 }));
      return ok({ rows, total: all.length, offset });
    },

    'segments.get': async ({ id }) => ok(await withSize(await segment(id))),

    'segments.create': async ({ values }) => {
      const at = deps.now();
      const doc: Segment = {
        id: newId(),
        ownerId: deps.actor.ownerId,
        teamId: deps.actor.teamId,
        createdAt: at,
        updatedAt: at,
        // A segment is a list the team shares: campaigns of any rep of the team draw members from it.
        visibility: 'team',
        kind: KIND,
        name: values.name,
        ...(values.description?.trim() ? { description: values.description.trim() } : {}),
        definition: values.definition,
      };
      return ok((await store.insert(doc as MarketingDoc)) as StoredSegment);
    },

    'segments.update': async ({ id, patch, expectedRevision }) => {
      await segment(id);
      const saved = await store.modify(
        id,
        (doc) => {
          const current = doc as Segment;
          const { description: _old, ...rest } = current;
          const description = patch.description === undefined ? current.description : patch.description.trim() || undefined;
          return {
            ...rest,
            ...(patch.name === undefined ? {} : { name: patch.name }),
            ...(patch.definition === undefined ? {} : { definition: patch.definition }),
            ...(description === undefined ? {} : { description }),
          } as MarketingDoc;
        },
        expectedRevision,
      );
      return ok(saved as StoredSegment);
    },

    'segments.delete': async ({ id }) => {
      await segment(id);
      await (await store.mustFind(id)).remove();
      return ok({ id });
    },

    'segments.count': async ({ definition }) => ok(await engine.count(definition)),

    'segments.preview': async ({ definition, limit }) => {
      const [ids, { count }] = await Promise.all([engine.ids(definition, limit), engine.count(definition)]);
      return ok({ target: definition.target, rows: await previewRows(definition.target, ids), count });
    },

    'segments.exportCsv': async ({ source }) => {
      let definition: SegmentDefinition;
      let base: string;
      if ('id' in source) {
        const saved = await segment(source.id);
        const parsed = definitionOf(saved);
        if (!parsed)
          throw new HandlerError('invalid_state', 'This segment was saved by a newer version of the app and cannot be exported here');
        definition = parsed;
        base = saved.name;
      } else {
        definition = source.definition;
        base = `segment-${definition.target}`;
      }
      const rows = await csvRows(definition);
      const safe =
        base
          .replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ')
          .trim()
          .slice(0, 80) || 'segment';
      const day = new Date(deps.now()).toISOString().slice(0, 10);
      return ok({ fileName: `${safe}-${day}.csv`, csv: toSegmentCsv(definition.target, rows), rows: rows.length });
    },
  });
}
