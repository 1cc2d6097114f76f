import { useDroppable } from '@dnd-kit/core';
import { useTranslation } from 'react-i18next';
import type { BoardColumn as Column, OpportunityCard as Card } from '../../../../shared/contract/sales/opportunities-requests';
import type { OpportunityStage } from '../../../../shared/schemas';
import { useFormatters } from '../../i18n/use-formatters';
import { today } from '../opportunity/deal-filter-state';
import { OpportunityCard } from './OpportunityCard';

type Props = {
  readonly column: Column;
  readonly onMove: (opportunity: Card, stage: OpportunityStage) => void;
  readonly onShowMore: () => void;
};

/** One stage: its count and per-currency totals over the deals the filters keep, and its first cards by close date. */
export function BoardColumn({ column, onMove, onShowMore }: Props) {
  const { t } = useTranslation('sales');
  const format = useFormatters();
  const { setNodeRef, isOver } = useDroppable({ id: column.stage });
  const [first, ...rest] = column.totals;
  const all = column.totals.map((x) => format.money(x.amount, x.currency)).join(' + ');
  const todayIso = today();
  return (
    <section
      ref={setNodeRef}
      className={`pipe-column stage-${column.stage}${isOver ? ' pipe-column-over' : ''}`}
      aria-labelledby={`col-${column.stage}`}
      data-testid={`column-${column.stage}`}
    >
      <header className="pipe-column-head">
        <h2 id={`col-${column.stage}`} className="pipe-column-title" title={t(`stage.${column.stage}`)}>
          {t(`stage.${column.stage}`)}
        </h2>
        <span className="pipe-total" data-testid="column-total" title={all || undefined}>
          {first ? format.moneyCompact(first.amount, first.currency) : '—'}
          {rest.length > 0 ? <span className="pipe-total-more"> {t('board.moreCurrencies', { count: rest.length })}</span> : null}
        </span>
        <span className="pipe-count" data-testid="column-count">
          {t('board.deals', { count: column.count })}
        </span>
      </header>
      <div className="pipe-cards">
        {column.cards.length === 0 ? <p className="pipe-empty">{t('board.empty')}</p> : null}
        {column.cards.map((opportunity) => (
          <OpportunityCard key={opportunity.id} opportunity={opportunity} todayIso={todayIso} onMove={onMove} />
        ))}
        {column.count > column.cards.length ? (
          <button type="button" className="link-button pipe-more" onClick={onShowMore}>
            {t('common.showMore')} ({column.count - column.cards.length})
          </button>
        ) : null}
      </div>
    </section>
  );
}
