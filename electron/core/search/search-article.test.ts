import { describe, expect, it } from 'vitest';
import { createSearchFixture } from '../../../tests/support/search-test-helpers';

const article = (id: string, status: string, title: string) => ({
  id,
  kind: 'knowledge_article',
  status,
  title,
  body: 'Body text',
  language: 'en',
});

describe('knowledge articles in the search index', () => {
  it('indexes articles only, never the policies and calendars of the same collection', () => {
    const f = createSearchFixture();
    f.write('knowledge', [article('a1', 'published', 'Gateway reset'), { id: 'p1', kind: 'sla_policy', name: 'Gateway policy' }]);
    expect(f.ids('gateway')).toEqual(['a1']);
    expect(f.index.search('gateway')[0]).toMatchObject({ type: 'article', title: 'Gateway reset' });
  });

  it('leaves drafts and archived articles out unless asked, following status changes both ways', () => {
    const f = createSearchFixture();
    f.write('knowledge', [article('a1', 'draft', 'Gateway reset')]);
    expect(f.ids('gateway')).toEqual([]);
    expect(f.ids('gateway', { types: ['article'], unpublished: true })).toEqual(['a1']);
    f.write('knowledge', [article('a1', 'published', 'Gateway reset')]);
    expect(f.ids('gateway')).toEqual(['a1']);
    expect(f.ids('gateway', { types: ['article'], unpublished: true })).toEqual(['a1']);
    f.write('knowledge', [article('a1', 'archived', 'Gateway reset')]);
    expect(f.ids('gateway')).toEqual([]);
    expect(f.ids('gateway', { types: ['article'], unpublished: true })).toEqual(['a1']);
    // Unpublished articles stay out of other type filters.
    expect(f.ids('gateway', { types: ['account'], unpublished: true })).toEqual([]);
  });

  it('ranks any-term matches by relevance', () => {
    const f = createSearchFixture();
    f.write('knowledge', [
      article('a1', 'published', 'Printer jam'),
      article('a2', 'published', 'Printer toner'),
      article('a3', 'published', 'Router'),
    ]);
    expect(f.index.searchAnyOf(['jam', 'printer', 'AND', '"']).map((hit) => hit.id)).toEqual(['a1', 'a2']);
    expect(f.index.searchAnyOf([])).toEqual([]);
  });

  it('finds any run of Chinese characters inside a text, at its start, middle or end, and mixed with Latin', () => {
    const f = createSearchFixture();
    f.write('knowledge', [article('zh', 'published', 'XR200打印机卡纸怎么办'), article('other', 'published', '网关固件升级')]);
    for (const text of ['卡纸', '打印机卡', '办', '打', '纸怎', 'XR200打印', 'xr200打印机 卡纸', '印机卡纸怎么办'])
      expect(f.ids(text)).toEqual(['zh']);
    for (const text of ['卡打', '打印机 网关', '纸卡']) expect(f.ids(text)).toEqual([]);
  });
});
