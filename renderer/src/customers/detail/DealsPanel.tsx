import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AccountDeal } from '../../../../shared/contract/customers/account-timeline-requests';
import { ErrorState } from '../../common/StateViews';
import { useLiveQuery } from '../../data/use-live-query';
import { useFormatters } from '../../i18n/use-formatters';

const CLOSED_PAGE = 5;

type Props = {
  readonly accountId: string;
  /** On a contact's page: only the deals whose primary contact is this person. */
  readonly contactId?: string | undefined;
  readonly emptyBody: string;
};

const closedStage = (deal: AccountDeal): boolean => deal.stage === 'closed_won' || deal.stage === 'closed_lost';

/** A calendar date ("2026-07-01") read as local midnight, so the formatter shows that same day. */

/**
 * The customer's deals, live: all open ones (soonest close first), then the latest closed ones with
 * "Show more". Each name opens the deal.
 */
export function DealsPanel({ accountId, contactId, emptyBody }: Props) {
  const { t } = useTranslation('customers-record');
  const { t: ts } = useTranslation('sales');
  const format = useFormatters();
  const [closedLimit, setClosedLimit] = useState(CLOSED_PAGE);
  const deals = useLiveQuery(
    'accounts.deals',
    contactId === undefined ? { id: accountId, closedLimit } : { id: accountId, contactId, closedLimit },
    `deals:${accountId}:${contactId ?? ''}:${closedLimit}`,
  );

  const list = (rows: ReadonlyArray<AccountDeal>, title: string, total: number, testId: string) =>
    total === 0 ? null : (
      <section className="rec-deal-group" aria-label={title} data-testid={testId}>
        <h4 className="rec-timeline-heading">
          {title}
          <span className="rec-count-pill">{total}</span>
        </h4>
        <ul className="rec-deal-list">
          {rows.map((deal) => (
            <li key={deal.id} className="rec-deal-row" data-testid="deal-row">
              <span className="rec-deal-main">
                <Link to={`/sales/opportunities/${encodeURIComponent(deal.id)}`} className="rec-deal-name" title={deal.name}>
                  {deal.name}
                </Link>
                <span className="rec-deal-meta">
                  <span className={`badge rec-badge-stage rec-badge-stage-${deal.stage}`}>{ts(`stage.${deal.stage}`)}</span>
                  <span>{t(closedStage(deal) ? 'deals.closedOn' : 'deals.closeDate', { date: format.day(deal.closeDate) })}</span>
                </span>
              </span>
              <span className="rec-deal-amount">{format.money(deal.amount, deal.currency)}</span>
            </li>
          ))}
        </ul>
      </section>
    );

  const count = deals.status === 'ready' ? deals.result.open.length + deals.result.closedTotal : null;
  return (
    <section className="rec-card rec-panel" aria-labelledby="deals-title" data-testid="deals-panel">
      <header className="rec-panel-header">
        <h3 id="deals-title" className="rec-panel-title">
          {t('deals.title')}
          {count === null ? null : <span className="rec-count-pill">{count}</span>}
        </h3>
      </header>
      {deals.status === 'loading' ? <div className="rec-panel-skeleton" aria-hidden="true" /> : null}
      {deals.status === 'error' ? <ErrorState title={t('deals.title')} error={deals.error} /> : null}
      {deals.status === 'ready' && count === 0 ? (
        <div className="rec-panel-empty">
          <strong>{t('deals.empty')}</strong>
          <span>{emptyBody}</span>
        </div>
      ) : null}
      {deals.status === 'ready' ? (
        <>
          {list(deals.result.open, t('deals.open'), deals.result.open.length, 'deals-open')}
          {list(deals.result.closed, t('deals.closed'), deals.result.closedTotal, 'deals-closed')}
          {deals.result.closed.length < deals.result.closedTotal ? (
            <button
              type="button"
              className="button rec-button-ghost rec-more-button"
              onClick={() => setClosedLimit((limit) => limit + CLOSED_PAGE * 4)}
            >
              {t('detail.more')}
            </button>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
