import { useDraggable } from '@dnd-kit/core';
import type { PointerEventHandler } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { OpportunityCard as Card } from '../../../../shared/contract/sales/opportunities-requests';
import { OPPORTUNITY_STAGES, type OpportunityStage } from '../../../../shared/schemas';
import { useFormatters } from '../../i18n/use-formatters';
import { isOverdue } from '../opportunity/deal-filter-state';
import { WinBadge } from '../win/WinBadge';

type Props = {
  readonly opportunity: Card;
  readonly todayIso: string;
  readonly onMove: (opportunity: Card, stage: OpportunityStage) => void;
};

/**
 * A deal on the board: name, account, amount and close date. The card itself is not a control
 * (no role, no tab stop), so its two controls sit side by side rather than nested: the name is
 * the link to the deal, and the "Move to" menu moves it from the keyboard. A pointer drags the card
 * from anywhere but those two. Texts that do not fit end in an ellipsis and carry the whole text
 * as a title.
 */
export function OpportunityCard({ opportunity, todayIso, onMove }: Props) {
  const { t } = useTranslation('sales');
  const format = useFormatters();
  const { listeners, setNodeRef, transform, isDragging } = useDraggable({ id: opportunity.id, data: { opportunity } });
  // dnd-kit types its listeners loosely (Function); the pointer sensor is the one we register.
  const onPointerDown = listeners?.['onPointerDown'] as PointerEventHandler<HTMLElement> | undefined;
  // Noon local time: a calendar date must not shift a day in the rep's time zone.
  const closeDate = format.day(opportunity.closeDate);
  const overdue = isOverdue(opportunity, todayIso);
  const amount = format.money(opportunity.amount, opportunity.currency);
  const style = transform ? { transform: `translate3d(${transform.x}px, ${transform.y}px, 0)` } : undefined;
  const keepClick = (event: { stopPropagation: () => void }) => event.stopPropagation();
  return (
    <div
      ref={setNodeRef}
      className={`pipe-card${isDragging ? ' pipe-card-dragging' : ''}`}
      style={style}
      data-testid="deal-card"
      data-id={opportunity.id}
      onPointerDown={onPointerDown}
    >
      <Link
        to={`/sales/opportunities/${encodeURIComponent(opportunity.id)}`}
        className="pipe-card-name"
        title={opportunity.name}
        onPointerDown={keepClick}
      >
        {opportunity.name}
      </Link>
      <span className="pipe-card-account" title={opportunity.accountName}>
        {opportunity.accountName ?? '—'}
      </span>
      <div className="pipe-card-row">
        <span className="pipe-card-amount" title={amount}>
          {format.moneyCompact(opportunity.amount, opportunity.currency)}
        </span>
        <WinBadge id={opportunity.id} />
      </div>
      <div className="pipe-card-row">
        <time className="pipe-card-date" dateTime={opportunity.closeDate} title={t('board.closeDate', { date: closeDate })}>
          {closeDate}
        </time>
        <select
          className="pipe-card-move"
          aria-label={t('board.moveCard', { name: opportunity.name })}
          title={t('board.moveCard', { name: opportunity.name })}
          value=""
          onPointerDown={keepClick}
          onChange={(event) => onMove(opportunity, event.target.value as OpportunityStage)}
          data-testid="deal-move"
        >
          <option value="">{t('common.moveTo')}</option>
          {OPPORTUNITY_STAGES.filter((stage) => stage !== opportunity.stage).map((stage) => (
            <option key={stage} value={stage}>
              {t(`stage.${stage}`)}
            </option>
          ))}
        </select>
      </div>
      {overdue ? (
        <span className="pipe-card-overdue" data-testid="overdue">
          {t('opps.overdue')}
        </span>
      ) : null}
    </div>
  );
}
