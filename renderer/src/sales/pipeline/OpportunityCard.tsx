import { useDraggable } from '@dnd-kit/core';
import type { KeyboardEventHandler, PointerEventHandler } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { OpportunityRecord } from '../../../../shared/contract/sales/opportunities-requests';
import { OPPORTUNITY_STAGES, type OpportunityStage } from '../../../../shared/schemas';
import { useFormatters } from '../../i18n/use-formatters';
import { WinBadge } from '../win/WinBadge';

type Props = {
  readonly opportunity: OpportunityRecord;
  readonly onMove: (opportunity: OpportunityRecord, stage: OpportunityStage) => void;
};

/** A deal on the board: drag it by its body, or pick a stage from its menu (keyboard and screen readers). */
export function OpportunityCard({ opportunity, onMove }: Props) {
  const { t } = useTranslation('sales');
  const format = useFormatters();
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({ id: opportunity.id, data: { opportunity } });
  // dnd-kit types its listeners loosely (Function); these are the two sensors we register.
  const onPointerDown = listeners?.['onPointerDown'] as PointerEventHandler<HTMLElement> | undefined;
  const onKeyDown = listeners?.['onKeyDown'] as KeyboardEventHandler<HTMLElement> | undefined;
  // Noon local time: a calendar date must not shift a day in the rep's time zone.
  const closeDate = format.date(Date.parse(`${opportunity.closeDate}T12:00:00`));
  const style = transform ? { transform: `translate3d(${transform.x}px, ${transform.y}px, 0)` } : undefined;
  return (
    <article
      ref={setNodeRef}
      className={`deal-card${isDragging ? ' deal-card-dragging' : ''}`}
      style={style}
      data-testid="deal-card"
      data-id={opportunity.id}
      aria-roledescription={attributes['aria-roledescription']}
      aria-describedby={attributes['aria-describedby']}
      aria-disabled={attributes['aria-disabled']}
      role={attributes.role}
      tabIndex={attributes.tabIndex}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
    >
      <Link to={`/sales/opportunities/${opportunity.id}`} className="deal-name" onPointerDown={(event) => event.stopPropagation()}>
        {opportunity.name}
      </Link>
      <div className="deal-meta">
        <span className="deal-amount">{format.money(opportunity.amount, opportunity.currency)}</span>
        <span className="deal-prob">
          {format.percent(opportunity.probability / 100)}
          <WinBadge id={opportunity.id} />
        </span>
      </div>
      <div className="deal-foot">
        <time className="deal-date" dateTime={opportunity.closeDate} title={t('board.closeDate', { date: closeDate })}>
          {closeDate}
        </time>
        <select
          className="deal-move"
          aria-label={t('board.moveCard', { name: opportunity.name })}
          value=""
          onPointerDown={(event) => event.stopPropagation()}
          onKeyDown={(event) => event.stopPropagation()}
          onChange={(event) => onMove(opportunity, event.target.value as OpportunityStage)}
        >
          <option value="">{t('common.moveTo')}</option>
          {OPPORTUNITY_STAGES.filter((stage) => stage !== opportunity.stage).map((stage) => (
            <option key={stage} value={stage}>
              {t(`stage.${stage}`)}
            </option>
          ))}
        </select>
      </div>
    </article>
  );
}
