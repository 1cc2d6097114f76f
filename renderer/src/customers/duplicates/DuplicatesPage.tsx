import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import {
  DUPLICATE_ENTITIES,
  type DuplicateEntity,
  type DuplicateQueueRow,
  type DuplicateSide,
} from '../../../../shared/contract/customers/duplicates-requests';
import { EmptyState, ErrorState, LoadingState } from '../../common/StateViews';
import { showToast } from '../../common/toast-store';
import { useLiveQuery } from '../../data/use-live-query';
import { useFormatters } from '../../i18n/use-formatters';
import { useCrmClient } from '../../transport/client-context';
import { errorText, mergePath, reasonsText, recordPath, scoreText } from './duplicate-text';
import './duplicates.css';

const PAGE = 50;
/** The queue request's own maximum. */
const MAX_LIMIT = 200;

/**
 * `#/customers/duplicates?entity=account|contact`: likely pairs, best first, live (a merge, a
 * dismissal or a sync pull elsewhere updates it). Each pair opens the merge screen or is
 * dismissed as "not duplicates".
 */
export function DuplicatesPage() {
  const { t } = useTranslation('duplicates');
  const [params, setParams] = useSearchParams();
  const requested = params.get('entity');
  const entity: DuplicateEntity = requested === 'contact' ? 'contact' : 'account';
  const [limit, setLimit] = useState(PAGE);
  const queue = useLiveQuery('duplicates.queue', { entity, limit }, `duplicates:${entity}:${limit}`);

  return (
    <div className="dup-page rec-scope" data-testid="duplicates-page">
      <header className="dup-queue-header">
        <div>
          <h2 className="dup-title">{t('queue.title')}</h2>
          <p className="dup-intro">{t('queue.intro')}</p>
        </div>
        <div className="dup-entity-switch" role="group" aria-label={t('queue.entityLabel')}>
          {DUPLICATE_ENTITIES.map((value) => (
            <button
              key={value}
              type="button"
              className="dup-entity-button"
              aria-pressed={value === entity}
              data-testid={`duplicates-entity-${value}`}
              onClick={() => {
                setLimit(PAGE);
                setParams({ entity: value }, { replace: true });
              }}
            >
              {t(`entities.${value}`)}
            </button>
          ))}
        </div>
      </header>
      {queue.status === 'loading' ? <LoadingState /> : null}
      {queue.status === 'error' ? <ErrorState title={t('queue.loadFailed')} error={queue.error} /> : null}
      {queue.status === 'ready' ? (
        queue.result.rows.length === 0 ? (
          <div data-testid="duplicates-empty">
            <EmptyState title={t('queue.emptyTitle')} body={t(`queue.emptyBody_${entity}`)} />
          </div>
        ) : (
          <>
            <p className="dup-muted dup-count" role="status" data-testid="duplicates-count">
              {t('queue.count', { count: queue.result.total })}
            </p>
            <ul className="dup-queue" aria-label={t('queue.listLabel', { entity: t(`entities.${entity}`) })}>
              {queue.result.rows.map((row) => (
                <PairRow key={`${row.a.id}:${row.b.id}`} entity={entity} row={row} />
              ))}
            </ul>
            {queue.result.rows.length < queue.result.total && limit < MAX_LIMIT ? (
              <div className="dup-more">
                <span className="dup-muted">{t('queue.shown', { shown: queue.result.rows.length, total: queue.result.total })}</span>
                <button
                  type="button"
                  className="button rec-button-ghost"
                  onClick={() => setLimit((n) => Math.min(n + PAGE * 2, MAX_LIMIT))}
                >
                  {t('queue.more')}
                </button>
              </div>
            ) : null}
          </>
        )
      ) : null}
    </div>
  );
}

function PairRow({ entity, row }: { readonly entity: DuplicateEntity; readonly row: DuplicateQueueRow }) {
  const { t } = useTranslation('duplicates');
  const format = useFormatters();
  const client = useCrmClient();
  const [busy, setBusy] = useState(false);
  const names = { a: row.a.name, b: row.b.name };

  const dismiss = async (): Promise<void> => {
    setBusy(true);
    const answer = await client.send('duplicates.dismiss', { entity, aId: row.a.id, bId: row.b.id });
    // On success the live queue drops the pair; the row stays disabled until then.
    if (answer.ok) showToast({ message: t('queue.dismissed', names) });
    else {
      setBusy(false);
      showToast({ message: t('queue.dismissFailed', { reason: errorText(t, answer.error) }), tone: 'error' });
    }
  };

  return (
    <li className="dup-pair rec-card" data-testid="duplicate-pair" aria-label={t('queue.pairLabel', names)}>
      <PairSide entity={entity} side={row.a} />
      <span className="dup-pair-join" aria-hidden="true">
        ⇄
      </span>
      <PairSide entity={entity} side={row.b} />
      <span className="dup-pair-why">
        <span className="dup-score">{scoreText(t, format, row.score)}</span>
        <span className="dup-muted">{reasonsText(t, row.reasons)}</span>
      </span>
      <span className="dup-pair-actions">
        <Link
          to={mergePath(entity, row.a.id, row.b.id)}
          className="button"
          aria-label={t('queue.mergeLabel', names)}
          data-testid="duplicate-merge"
        >
          {t('queue.merge')}
        </Link>
        <button
          type="button"
          className="button rec-button-ghost"
          disabled={busy}
          aria-label={t('queue.dismissLabel', names)}
          onClick={() => void dismiss()}
          data-testid="duplicate-dismiss"
        >
          {t('queue.dismiss')}
        </button>
      </span>
    </li>
  );
}

function PairSide({ entity, side }: { readonly entity: DuplicateEntity; readonly side: DuplicateSide }) {
  const { t } = useTranslation('duplicates');
  const format = useFormatters();
  return (
    <span className="dup-pair-side">
      <Link to={recordPath(entity, side.id)} className="dup-pair-name">
        {side.name}
      </Link>
      {side.subtitle ? <span className="dup-muted dup-pair-detail">{side.subtitle}</span> : null}
      <span className="dup-muted dup-pair-detail">
        {[t('queue.updated', { date: format.date(side.updatedAt) }), side.ownerName ? t('queue.owner', { name: side.ownerName }) : '']
          .filter(Boolean)
          .join(' · ')}
      </span>
    </span>
  );
}
