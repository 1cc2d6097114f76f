import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HIGHLIGHT_END, HIGHLIGHT_START, type ArticleValues } from '../../../shared/contract/service/knowledge-requests';
import type { Case, KnowledgeArticle } from '../../../shared/schemas';
import { createKnowledgeHarness, type KnowledgeHarness } from '../../../tests/support/knowledge-harness';

const now = Date.UTC(2026, 11, 1, 9);
const manager = { userId: 'm1', email: 'm1@example.com', role: 'manager', teamId: 'A' } as const;
const rep = { userId: 'r1', email: 'r1@example.com', role: 'rep', teamId: 'A' } as const;
let h: KnowledgeHarness;

const base = { ownerId: 'admin', teamId: 'hq', createdAt: now, updatedAt: now, kind: 'knowledge_article', articleVersion: 1 } as const;
function article(id: string, fields: Partial<KnowledgeArticle>): KnowledgeArticle {
  return { ...base, id, title: id, body: '', language: 'en', status: 'published', ...fields };
}
function supportCase(id: string, fields: Partial<Case>): Case {
  return {
    id,
    ownerId: 'r1',
    teamId: 'A',
    createdAt: now,
    updatedAt: now,
    caseNumber: id,
    accountId: 'acc-1',
    subject: 'Something',
    priority: 'medium',
    status: 'open',
    channel: 'visit',
    openedAt: now,
    statusHistory: [{ status: 'new', at: now, byUserId: 'r1' }],
    ...fields,
  };
}

const marked = (text: string): string => text.replaceAll(HIGHLIGHT_START, '[').replaceAll(HIGHLIGHT_END, ']');

beforeAll(async () => {
  h = await createKnowledgeHarness(() => now);
  await h.db.knowledge.bulkInsert([
    article('printer', {
      title: 'Printer paper jam on the XR-200',
      summary: 'Clearing a jam without tools',
      body: '# Paper jam\n\nOpen the **rear tray**, pull the paper out slowly and [read the manual](https://example.com). Printing resumes on its own.',
      category: 'Hardware',
      tags: ['printer', 'jam'],
    }),
    article('printer-zh', {
      title: '打印机卡纸怎么办',
      body: '打开后盖，慢慢取出卡住的纸张。打印机会自动恢复打印。',
      language: 'zh-CN',
      category: '硬件',
    }),
    article('network', { title: 'Network setup for gateways', body: 'Configure the gateway with DHCP.', category: 'Installation' }),
    article('draft', { title: 'Printer firmware 5.0 (draft)', body: 'Not yet released.', status: 'draft', category: 'Software' }),
    article('old', { title: 'Legacy printer driver', body: 'Replaced by firmware 4.', status: 'archived' }),
    {
      ...base,
      id: 'policy',
      kind: 'sla_policy',
      name: 'Printer policy',
      priority: 'high',
      calendarId: 'cal',
      firstResponseMinutes: 60,
      resolutionMinutes: 480,
      atRiskPercent: 80,
      reopenWindowDays: 7,
      active: true,
    } as never,
  ]);
  await h.db.cases.bulkInsert([
    supportCase('c1', {
      subject: 'Printer jam at the front desk',
      description: 'The printer keeps jamming paper.',
      knowledgeArticleIds: ['printer'],
      helpfulArticleIds: ['printer'],
    }),
    supportCase('c2', { subject: '打印机卡纸', description: '客户的打印机经常卡纸', knowledgeArticleIds: ['printer', 'network'] }),
  ]);
});

afterAll(async () => {
  await h.close();
});

describe('reading', () => {
  it('shows reps published articles only; managers and the local user see drafts and archived ones', async () => {
    h.signInAs(rep);
    const repList = await h.call('knowledge.list', { sort: { field: 'title', direction: 'asc' } });
    if (!repList.ok) throw new Error(repList.error.message);
    expect(repList.value.rows.map((r) => r.id)).toEqual(['network', 'printer', 'printer-zh']);
    expect(repList.value.total).toBe(3);
    const draft = await h.call('knowledge.get', { id: 'draft' });
    expect(!draft.ok && draft.error.code).toBe('not_found');
    const policy = await h.call('knowledge.get', { id: 'policy' });
    expect(!policy.ok && policy.error.code).toBe('not_found');

    h.signInAs(manager);
    const all = await h.call('knowledge.list', { filter: { status: ['draft', 'archived'] } });
    expect(all.ok && all.value.rows.map((r) => r.id).sort()).toEqual(['draft', 'old']);
    h.signInAs(null);
    const zh = await h.call('knowledge.list', { filter: { language: ['zh-CN'] } });
    expect(zh.ok && zh.value.rows.map((r) => r.id)).toEqual(['printer-zh']);
    const categories = await h.call('knowledge.categories', {});
    expect(categories.ok && categories.value.categories).toEqual(['Hardware', 'Installation', 'Software', '硬件']);
  });

  it('counts the cases an article is linked to and the ones it helped', async () => {
    const got = await h.call('knowledge.get', { id: 'printer' });
    if (!got.ok) throw new Error(got.error.message);
    expect([got.value.linkedCaseCount, got.value.helpfulCount]).toEqual([2, 1]);
    await h.db.cases.insert(supportCase('c3', { helpfulArticleIds: ['printer'], knowledgeArticleIds: ['printer'] }));
    const again = await h.call('knowledge.get', { id: 'printer' });
    expect(again.ok && [again.value.linkedCaseCount, again.value.helpfulCount]).toEqual([3, 2]);
    await (await h.db.cases.findOne('c3').exec())?.remove();
    const removed = await h.call('knowledge.get', { id: 'printer' });
    expect(removed.ok && [removed.value.linkedCaseCount, removed.value.helpfulCount]).toEqual([2, 1]);
  });
});

describe('search', () => {
  it('finds an article by a Chinese word and highlights it in the text as written', async () => {
    h.signInAs(rep);
    const found = await h.call('knowledge.search', { text: '卡纸' });
    if (!found.ok) throw new Error(found.error.message);
    expect(found.value.hits.map((hit) => hit.id)).toEqual(['printer-zh']);
    expect(marked(found.value.hits[0]?.titleHighlighted ?? '')).toBe('打印机[卡纸]怎么办');
    expect(marked(found.value.hits[0]?.snippet ?? '')).toContain('卡住的纸张');
  });

  it('finds an article by an English prefix, with a marked snippet around the match', async () => {
    const found = await h.call('knowledge.search', { text: 'jam tra' });
    if (!found.ok) throw new Error(found.error.message);
    expect(found.value.hits.map((hit) => hit.id)).toEqual(['printer']);
    const snippet = marked(found.value.hits[0]?.snippet ?? '');
    expect(snippet).toContain('[jam]');
    expect(snippet).toContain('[tray]');
    expect(snippet).not.toContain('**');
    expect(snippet).not.toContain('https://');
  });

  it('ranks title matches first, filters by language, and leaves drafts to managers', async () => {
    const printer = await h.call('knowledge.search', { text: 'printer' });
    expect(printer.ok && printer.value.hits.map((hit) => hit.id)).toEqual(['printer']);
    const en = await h.call('knowledge.search', { text: '打印', language: 'en' });
    expect(en.ok && en.value.hits).toEqual([]);
    h.signInAs(manager);
    const all = await h.call('knowledge.search', { text: 'printer' });
    expect(all.ok && all.value.hits.map((hit) => hit.id).sort()).toEqual(['draft', 'old', 'printer']);
  });

  it('treats any typed text as plain words', async () => {
    for (const text of ['"', 'AND OR NEAR(', '*', '', '  ', `${HIGHLIGHT_START}jam`]) {
      const found = await h.call('knowledge.search', { text });
      expect(found.ok).toBe(true);
    }
  });
});

describe('suggestions', () => {
  it('suggests published articles from a case subject and description, leaving linked ones out', async () => {
    await h.db.cases.insert(supportCase('c4', { subject: 'Paper jam', description: 'The printer at reception jams every morning.' }));
    const fresh = await h.call('knowledge.suggest', { caseId: 'c4' });
    expect(fresh.ok && fresh.value.hits.map((hit) => hit.id)).toEqual(['printer']);
    const linked = await h.call('knowledge.suggest', { caseId: 'c1' });
    expect(linked.ok && linked.value.hits.map((hit) => hit.id)).toEqual([]);
    await h.db.cases.insert(supportCase('c5', { subject: '打印机又卡纸了', description: '' }));
    const zh = await h.call('knowledge.suggest', { caseId: 'c5' });
    expect(zh.ok && zh.value.hits.map((hit) => hit.id)).toEqual(['printer-zh']);
  });
});

describe('editing', () => {
  const values: ArticleValues = {
    title: 'Gateway LEDs explained',
    body: 'Green means online.',
    language: 'en',
    status: 'draft',
    tags: [' led ', 'led', ''],
  };

  it('refuses reps, writing nothing', async () => {
    h.signInAs(rep);
    const denied = await h.call('knowledge.save', { values });
    expect(!denied.ok && denied.error.code).toBe('forbidden');
    expect(await h.db.knowledge.count({ selector: { title: values.title } }).exec()).toBe(0);
  });

  it('creates at version 1, raises the version on each edit, dates the first publication, and refuses stale edits', async () => {
    h.signInAs(manager);
    const created = await h.call('knowledge.save', { values });
    if (!created.ok) throw new Error(created.error.message);
    expect(created.value).toMatchObject({ articleVersion: 1, status: 'draft', tags: ['led'] });
    expect(created.value.publishedAt).toBeUndefined();
    const drafts = await h.call('knowledge.list', { filter: { status: ['draft'] }, sort: { field: 'title', direction: 'desc' } });
    expect(drafts.ok && drafts.value.rows.map((r) => r.title)).toEqual(['Printer firmware 5.0 (draft)', 'Gateway LEDs explained']);
    expect(drafts.ok && drafts.value.rows[0]?.body).toBe('');
    const hidden = await h.call('knowledge.search', { text: 'LEDs' });
    expect(hidden.ok && hidden.value.hits.map((hit) => hit.status)).toEqual(['draft']);

    const published = await h.call('knowledge.save', {
      id: created.value.id,
      values: { ...values, status: 'published', summary: 'What each light means' },
      expectedRevision: created.value.revision,
    });
    if (!published.ok) throw new Error(published.error.message);
    expect(published.value).toMatchObject({ articleVersion: 2, status: 'published', publishedAt: now, summary: 'What each light means' });
    h.signInAs(rep);
    const visible = await h.call('knowledge.search', { text: 'LEDs' });
    expect(visible.ok && visible.value.hits.map((hit) => hit.id)).toEqual([created.value.id]);

    h.signInAs(manager);
    const stale = await h.call('knowledge.save', { id: created.value.id, values, expectedRevision: created.value.revision });
    expect(!stale.ok && stale.error.code).toBe('conflict');
    const archived = await h.call('knowledge.save', { id: created.value.id, values: { ...values, status: 'archived' } });
    expect(archived.ok && archived.value).toMatchObject({ articleVersion: 3, publishedAt: now });
    expect(archived.ok && archived.value.summary).toBeUndefined();
    h.signInAs(rep);
    const gone = await h.call('knowledge.search', { text: 'LEDs' });
    expect(gone.ok && gone.value.hits).toEqual([]);
  });

  it('rejects invalid values with a clear message and writes nothing', async () => {
    h.signInAs(manager);
    const before = await h.db.knowledge.count().exec();
    const blank = await h.call('knowledge.save', { values: { ...values, title: '   ' } });
    expect(!blank.ok && blank.error.code).toBe('invalid_request');
    expect(!blank.ok && blank.error.message).toMatch(/title/);
    const missing = await h.call('knowledge.save', { id: 'nope', values });
    expect(!missing.ok && missing.error.code).toBe('not_found');
    expect(await h.db.knowledge.count().exec()).toBe(before);
  });
});
