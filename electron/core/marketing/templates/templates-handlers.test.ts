import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrmError, RequestName, Result, ResultOf } from '../../../../shared/contract';
import type { ParamsOf } from '../../../../shared/contract/requests';
import type { TemplateValues } from '../../../../shared/contract/marketing/templates-requests';
import type { Campaign } from '../../../../shared/schemas';
import { TEST_DATABASE_KEY } from '../../../../tests/support/test-database-key';
import { openCrmDatabase, type CrmDatabase } from '../../db/open-crm-database';
import { createDispatcher } from '../../rpc/dispatcher';
import type { SessionContext } from '../../rpc/handler-types';
import { getRxStorageSqlite } from '../../storage/sqlite';
import { createTemplatesHandlers } from './templates-handlers';

const directory = mkdtempSync(join(tmpdir(), 'crm-templates-'));
const context: SessionContext = { sessionId: 'test', emit: () => undefined, onClose: () => undefined };
let db: CrmDatabase;
let now = Date.UTC(2026, 11, 1, 9);
let ids = 0;
let call: <K extends RequestName>(name: K, params: ParamsOf<K>) => Promise<Result<ResultOf<K>>>;

async function must<K extends RequestName>(name: K, params: ParamsOf<K>): Promise<ResultOf<K>> {
  const answer = await call(name, params);
  if (!answer.ok) throw new Error(`${name}: ${answer.error.message}`);
  return answer.value;
}
async function refused<K extends RequestName>(name: K, params: ParamsOf<K>): Promise<CrmError> {
  const answer = await call(name, params);
  if (answer.ok) throw new Error(`${name} was accepted`);
  return answer.error;
}

const welcome: TemplateValues = {
  name: '  Welcome  ',
  language: 'en',
  format: 'markdown',
  subject: 'Hello {{contact.firstName | there}}',
  body: 'Dear {{contact.fullName}},\n\nthanks from **{{rep.name}}** at {{account.name}}.',
};

beforeAll(async () => {
  const storage = getRxStorageSqlite({ directory, databaseKey: TEST_DATABASE_KEY });
  db = await openCrmDatabase({ directory, storage });
  const deps = { db, actor: { ownerId: 'rep-1', teamId: 'team-a' }, now: () => now };
  const dispatcher = createDispatcher([createTemplatesHandlers(deps, { newId: () => `tpl-${++ids}` })]);
  call = (name, params) => dispatcher.dispatch(name, params, context) as never;
});

afterAll(async () => {
  await db.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('templates handlers', () => {
  it('creates a template for the team with the name trimmed, and reads it back', async () => {
    const created = await must('templates.create', { values: welcome });
    expect(created).toMatchObject({
      id: 'tpl-1',
      kind: 'email_template',
      name: 'Welcome',
      ownerId: 'rep-1',
      teamId: 'team-a',
      visibility: 'team',
      subject: welcome.subject,
      body: welcome.body,
    });
    expect(created.revision).toBeTruthy();
    expect(await must('templates.get', { id: 'tpl-1' })).toMatchObject({ name: 'Welcome', revision: created.revision });
  });

  it('refuses an unknown merge field and an unclosed brace with every mistake in words, writing nothing', async () => {
    const before = await must('templates.list', {});
    const error = await refused('templates.create', {
      values: { ...welcome, subject: 'Hi {{contact.frstName}}', body: 'Line one\nDear {{contact.firstName\nBye' },
    });
    expect(error.code).toBe('invalid_request');
    expect(error.reason).toBe('template_invalid');
    expect(error.reasonParams).toMatchObject({ count: 2, part: 'subject', code: 'unknown_field', field: 'contact.frstName' });
    expect(error.reasonParams?.['suggestion']).toBe('contact.firstName');
    expect(error.message).toContain('unknown merge field "contact.frstName" (did you mean contact.firstName?)');
    expect(error.message).toContain('body, line 2, column 6: "{{" is not closed');
    expect((await must('templates.list', {})).total).toBe(before.total);
  });

  it('refuses a subject with a line break and an empty name', async () => {
    expect((await refused('templates.create', { values: { ...welcome, subject: 'Two\nlines' } })).reason).toBe(
      'template_subject_line_break',
    );
    expect((await refused('templates.create', { values: { ...welcome, name: '   ' } })).message).toContain('a template needs a name');
  });

  it('updates only what the patch names, checks the merged text, and refuses a stale revision', async () => {
    const current = await must('templates.get', { id: 'tpl-1' });
    now += 60_000;
    const updated = await must('templates.update', {
      id: 'tpl-1',
      patch: { subject: 'Welcome, {{contact.firstName}}' },
      expectedRevision: current.revision,
    });
    expect(updated).toMatchObject({ subject: 'Welcome, {{contact.firstName}}', body: welcome.body, name: 'Welcome', updatedAt: now });
    const bad = await refused('templates.update', { id: 'tpl-1', patch: { body: 'Hi {{rep.nam}}' } });
    expect(bad.reasonParams).toMatchObject({ part: 'body', field: 'rep.nam', suggestion: 'rep.name' });
    expect((await must('templates.get', { id: 'tpl-1' })).body).toBe(welcome.body);
    expect((await refused('templates.update', { id: 'tpl-1', patch: { name: 'X' }, expectedRevision: current.revision })).code).toBe(
      'conflict',
    );
  });

  it('lists newest first, filters by language, and leaves archived templates out unless asked', async () => {
    now += 60_000;
    await must('templates.create', {
      values: { name: '跟进', language: 'zh-CN', format: 'text', subject: '{{contact.lastName}}您好', body: '此致，{{rep.name}}' },
    });
    now += 60_000;
    await must('templates.create', { values: { ...welcome, name: 'Event invitation' } });
    const all = await must('templates.list', {});
    expect(all.rows.map((row) => row.name)).toEqual(['Event invitation', '跟进', 'Welcome']);
    expect((await must('templates.list', { language: 'zh-CN' })).rows.map((row) => row.name)).toEqual(['跟进']);

    const archived = await must('templates.archive', { id: 'tpl-1', archived: true });
    expect(archived.archived).toBe(true);
    expect((await must('templates.list', {})).rows.map((row) => row.name)).toEqual(['Event invitation', '跟进']);
    const withArchived = await must('templates.list', { includeArchived: true, limit: 2, offset: 2 });
    expect(withArchived).toMatchObject({ total: 3, offset: 2 });
    // Archiving is an edit: the archived template is now the newest.
    expect(withArchived.rows.map((row) => row.name)).toEqual(['跟进']);

    const restored = await must('templates.archive', { id: 'tpl-1', archived: false });
    expect(restored.archived).toBeUndefined();
    expect((await must('templates.list', {})).total).toBe(3);
  });

  it('answers not_found for an unknown id and for another kind of marketing record', async () => {
    const campaign: Campaign = {
      id: 'camp-1',
      ownerId: 'rep-1',
      teamId: 'team-a',
      createdAt: now,
      updatedAt: now,
      kind: 'campaign',
      name: 'Spring fair',
      type: 'event',
      status: 'planned',
      startDate: '2026-03-01',
      endDate: '2026-03-05',
      currency: 'EUR',
      budget: 0,
      actualCost: 0,
    };
    await db.marketing.insert(campaign as never);
    expect((await refused('templates.get', { id: 'nope' })).code).toBe('not_found');
    expect((await refused('templates.get', { id: 'camp-1' })).code).toBe('not_found');
    expect((await refused('templates.update', { id: 'camp-1', patch: { name: 'x' } })).code).toBe('not_found');
    expect((await refused('templates.archive', { id: 'camp-1', archived: true })).code).toBe('not_found');
    expect((await must('templates.list', { includeArchived: true })).total).toBe(3);
  });
});
