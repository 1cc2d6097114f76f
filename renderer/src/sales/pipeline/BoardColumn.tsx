import { useDroppable } from '@dnd-kit/core';
import { useTranslation } from 'react-i18next';
import type { BoardColumn as Column, OpportunityRecord } from '../../../../shared/contract/sales/opportunities-requests';
import type { OpportunityStage } from '../../../../shared/schemas';
import { useFormatters } from '../../i18n/use-formatters';
import { OpportunityCard } from './OpportunityCard';

type Props = {
  readonly column: Column;
  readonly onMove: (opportunity: OpportunityRecord, stage: OpportunityStage) => void;
  readonly onShowMore: () => void;
};

/** One stage: its count and per-currency totals over all its deals, and the first cards by close date. */
export function BoardColumn({ column, onMove, onShowMore }: Props) {
  const { t } = useTranslation('sales');
  const format = useFormatters();
  const { setNodeRef, isOver } = useDroppable({ id: column.stage });
  const [first, ...rest] = column.totals;
  const others = rest.slice(0, 2).map((x) => format.moneyCompact(x.amount, x.currency));
  return (
    <section
      ref={setNodeRef}
      className={`board-column stage-${column.stage}${isOver ? ' board-column-over' : ''}`}
      aria-labelledby={`col-${column.stage}`}
      data-testid={`column-${column.stage}`}
    >
      <header className="board-column-head">
        <h2 id={`col-${column.stage}`} className="board-column-title">
          {t(`stage.${column.stage}`)}
        </h2>
        <span className="board-count" data-testid="column-count">
          {t('board.deals', { count: column.count })}
        </span>
        <span
          className="board-total"
          data-testid="column-total"
          title={column.totals.map((x) => format.money(x.amount, x.currency)).join(' + ')}
        >
          {first ? format.moneyCompact(first.amount, first.currency) : '—'}
        </span>
        {others.length > 0 ? (
          <span className="board-total-more" aria-hidden="true">
            {others.join(' · ')}
            {rest.length > others.length ? ` ${t('board.moreCurrencies', { count: rest.length - others.length })}` : ''}
          </span>
        ) : null}
      </header>
      <div className="board-cards">
        {column.cards.length === 0 ? <p className="board-empty">{t('board.empty')}</p> : null}
        {column.cards.map((opportunity) => (
          <OpportunityCard key={opportunity.id} opportunity={opportunity} onMove={onMove} />
        ))}
        {column.count > column.cards.length ? (
          <button type="button" className="link-button board-more" onClick={onShowMore}>
            {t('common.showMore')} ({column.count - column.cards.length})
          </button>
        ) : null}
      </div>
    </section>
  );
}
