import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConflictRecord } from '../../../shared/contract/sync/sync-types';
import { EmptyState } from '../common/StateViews';
import { useCrmClient } from '../transport/client-context';
import { ConflictCard } from './ConflictCard';
import './sync.css';
import { useSync } from './sync-context';
import { useNow } from './use-now';

const LIMIT = 200;

type Loaded = { readonly conflicts: ReadonlyArray<ConflictRecord>; readonly total: number } | { readonly failed: true };

/** Open conflicts, re-read whenever the core says the set changed (found, resolved, wiped). */
export function ConflictsPage() {
  const { t } = useTranslation('sync');
  const client = useCrmClient();
  const { conflictCount } = useSync();
  const now = useNow();
  const [loaded, setLoaded] = useState<Loaded | undefined>(undefined);
  // A counter, not the count: resolving one and finding another leaves the count equal.
  const [version, setVersion] = useState(0);

  useEffect(() => client.subscribe('conflicts.changed', () => setVersion((v) => v + 1)), [client]);
  useEffect(() => {
    let current = true;
    void client.send('conflicts.list', { limit: LIMIT }).then((result) => {
      if (current) setLoaded(result.ok ? result.value : { failed: true });
    });
    return () => {
      current = false;
    };
  }, [client, version, conflictCount]);

  return (
    <section className="page" aria-labelledby="conflicts-title">
      <header className="page-header">
        <h1 id="conflicts-title" className="page-title">
          {t('conflicts.title')}
        </h1>
      </header>
      <div className="page-body sync-body">
        {loaded && 'failed' in loaded ? <p className="form-error">{t('conflicts.loadFailed')}</p> : null}
        {loaded && !('failed' in loaded) && loaded.conflicts.length === 0 ? (
          <EmptyState title={t('conflicts.emptyTitle')} body={t('conflicts.emptyBody')} />
        ) : null}
        {loaded && !('failed' in loaded) && loaded.conflicts.length > 0 ? (
          <>
            <p className="sync-note">
              <strong>{t('conflicts.count', { count: loaded.total })}</strong> · {t('conflicts.intro')}
            </p>
            <ul className="conflict-list" data-testid="conflict-list">
              {loaded.conflicts.map((conflict) => (
                <ConflictCard key={conflict.id} conflict={conflict} now={now} />
              ))}
            </ul>
          </>
        ) : null}
      </div>
    </section>
  );
}
