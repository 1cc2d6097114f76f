import { Subject } from 'rxjs';
import type { RxChangeEventBulk } from 'rxdb';
import { describe, expect, it } from 'vitest';
import { domainChanges, SERVER_BOOKKEEPING_CONTEXT } from './domain-changes';

describe('domainChanges', () => {
  it('passes every change bulk but the write-back of server revisions', () => {
    const eventBulks$ = new Subject<RxChangeEventBulk<unknown>>();
    const seen: string[] = [];
    const subscription = domainChanges({ eventBulks$ }).subscribe((bulk) => seen.push(bulk.context));
    for (const context of ['rx-collection-bulk-insert', SERVER_BOOKKEEPING_CONTEXT, 'replication-downstream-x', 'rx-document-save-data']) {
      eventBulks$.next({ context } as RxChangeEventBulk<unknown>);
    }
    subscription.unsubscribe();
    expect(seen).toEqual(['rx-collection-bulk-insert', 'replication-downstream-x', 'rx-document-save-data']);
  });
});
