import { DndContext, PointerSensor, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CLOSE_PERIODS, closePeriodRange, type ClosePeriod } from '../../../../shared/contract/sales/close-periods';
import type { OpportunityCard as Card } from '../../../../shared/contract/sales/opportunities-requests';
import { OPPORTUNITY_STAGES, type OpportunityStage } from '../../../../shared/schemas';
import { useToastStore } from '../../common/toast-store';
import { ErrorState, LoadingState } from '../../common/StateViews';
import { useLiveQuery } from '../../data/use-live-query';
import { DealFilters } from '../opportunity/DealFilters';
import { DEFAULT_DEAL_FILTERS, scopeOf, today, type DealFilterState } from '../opportunity/deal-filter-state';
import '../opportunity/opportunities.css';
import { useSend } from '../use-request';
import { useWinProbabilities, WinProbabilityContext } from '../win/use-win-probabilities';
import { BoardColumn } from './BoardColumn';
import { LostReasonDialog } from './LostReasonDialog';
import './pipeline.css';

const PAGE = 30;
const isStage = (value: unknown): value is OpportunityStage =>
  typeof value === 'string' && (OPPORTUNITY_STAGES as ReadonlyArray<string>).includes(value);

/**
 * The pipeline by stage, live: a move here, in another window or from a sync pull shows without
 * reloading. Each column holds its first cards ("show more" for the next ones) with the count and
 * totals of all the deals the filters keep; Won and Lost hold only deals closed in the chosen period.
 */
export function PipelinePage() {
  const { t } = useTranslation('sales');
  const [perStage, setPerStage] = useState(PAGE);
  const [filters, setFilters] = useState<DealFilterState>(DEFAULT_DEAL_FILTERS);
  const [closedPeriod, setClosedPeriod] = useState<ClosePeriod>('this_quarter');
  const params = useMemo(() => {
    const closed = closePeriodRange(closedPeriod, today());
    return {
      ...scopeOf(filters),
      ...(closed.from !== undefined ? { closedFrom: closed.from } : {}),
      // "Any time" for closed deals still needs a bound for the core's default not to apply.
      closedTo: closed.to ?? '9999-12-31',
      perStage,
    };
  }, [filters, closedPeriod, perStage]);
  const board = useLiveQuery('opportunities.board', params, JSON.stringify(params));
  // The last answer stays on screen while a new filter's first answer is on its way.
  const [shown, setShown] = useState<typeof board>(board);
  if (board.status !== 'loading' && board !== shown) setShown(board);
  const current = board.status === 'loading' ? shown : board;
  const send = useSend();
  const show = useToastStore((state) => state.show);
  const [losing, setLosing] = useState<Card | null>(null);
  const shownIds = current.status === 'ready' ? current.result.flatMap((column) => column.cards.map((card) => card.id)) : [];
  const win = useWinProbabilities(shownIds);
  // A small distance keeps clicks on the card's link and menu from starting a drag.
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }));

  const move = async (opportunity: Card, stage: OpportunityStage, lossReason?: string) => {
    if (stage === opportunity.stage) return;
    if (stage === 'closed_lost' && lossReason === undefined) {
      setLosing(opportunity);
      return;
    }
    const moved = await send('opportunities.moveStage', { id: opportunity.id, stage, ...(lossReason ? { lossReason } : {}) }, (message) =>
      t('common.failed', { message }),
    );
    if (moved) show({ message: t('board.moved', { name: moved.name, stage: t(`stage.${stage}`) }) });
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    const opportunity = (active.data.current as { opportunity?: Card } | undefined)?.opportunity;
    if (opportunity && over && isStage(over.id)) void move(opportunity, over.id);
  };

  return (
    <div className="pipeline pipe">
      <div className="pipe-toolbar">
        <DealFilters value={filters} onChange={setFilters} variant="board" />
        <label className="deal-filter">
          <span className="deal-filter-label">{t('dealFilters.closedPeriod')}</span>
          <select
            className="rec-input select"
            value={closedPeriod}
            onChange={(e) => setClosedPeriod(e.target.value as ClosePeriod)}
            data-testid="filter-closed-period"
          >
            {CLOSE_PERIODS.map((period) => (
              <option key={period} value={period}>
                {t(`closePeriod.${period}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="pipeline-hint">{t('board.dragHint')}</p>
      {current.status === 'loading' ? <LoadingState label={t('common.loading')} /> : null}
      {current.status === 'error' ? <ErrorState title={t('common.loadFailed')} error={current.error} /> : null}
      {current.status === 'ready' ? (
        <WinProbabilityContext value={win}>
          <DndContext sensors={sensors} onDragEnd={onDragEnd}>
            <div className="pipe-board" role="region" aria-label={t('board.label')} data-testid="pipeline-board">
              {current.result.map((column) => (
                <BoardColumn
                  key={column.stage}
                  column={column}
                  onMove={(o, s) => void move(o, s)}
                  onShowMore={() => setPerStage((n) => n + PAGE)}
                />
              ))}
            </div>
          </DndContext>
        </WinProbabilityContext>
      ) : null}
      {losing ? (
        <LostReasonDialog
          onClose={() => setLosing(null)}
          onConfirm={(reason) => {
            setLosing(null);
            void move(losing, 'closed_lost', reason);
          }}
        />
      ) : null}
    </div>
  );
}
