import { DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpportunityRecord } from '../../../../shared/contract/sales/opportunities-requests';
import { OPPORTUNITY_STAGES, type OpportunityStage } from '../../../../shared/schemas';
import { useToastStore } from '../../common/toast-store';
import { ErrorState, LoadingState } from '../../common/StateViews';
import { useRequest, useSend } from '../use-request';
import { useWinProbabilities, WinProbabilityContext } from '../win/use-win-probabilities';
import { BoardColumn } from './BoardColumn';
import { LostReasonDialog } from './LostReasonDialog';

const PAGE = 30;
const isStage = (value: unknown): value is OpportunityStage =>
  typeof value === 'string' && (OPPORTUNITY_STAGES as ReadonlyArray<string>).includes(value);

/**
 * The pipeline by stage. Columns are capped ("show more") rather than virtualized: counts and
 * totals come from the core over every deal, so the page stays fast with thousands of them.
 */
export function PipelinePage() {
  const { t } = useTranslation('sales');
  const [perStage, setPerStage] = useState(PAGE);
  const board = useRequest('opportunities.board', { perStage }, String(perStage));
  const send = useSend();
  const show = useToastStore((state) => state.show);
  const [losing, setLosing] = useState<OpportunityRecord | null>(null);
  const shownIds = board.status === 'ready' ? board.value.flatMap((column) => column.cards.map((card) => card.id)) : [];
  const win = useWinProbabilities(shownIds);
  // A small distance keeps clicks on the card's link and menu from starting a drag.
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }), useSensor(KeyboardSensor));

  const move = async (opportunity: OpportunityRecord, stage: OpportunityStage, lossReason?: string) => {
    if (stage === opportunity.stage) return;
    if (stage === 'closed_lost' && lossReason === undefined) {
      setLosing(opportunity);
      return;
    }
    const moved = await send('opportunities.moveStage', { id: opportunity.id, stage, ...(lossReason ? { lossReason } : {}) }, (message) =>
      t('common.failed', { message }),
    );
    if (moved) show({ message: t('board.moved', { name: moved.name, stage: t(`stage.${stage}`) }) });
    board.reload();
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    const opportunity = (active.data.current as { opportunity?: OpportunityRecord } | undefined)?.opportunity;
    if (opportunity && over && isStage(over.id)) void move(opportunity, over.id);
  };

  if (board.status === 'loading') return <LoadingState label={t('common.loading')} />;
  if (board.status === 'error') return <ErrorState title={t('common.loadFailed')} error={board.error} onRetry={board.reload} />;
  return (
    <div className="pipeline">
      <p className="pipeline-hint">{t('board.dragHint')}</p>
      <WinProbabilityContext value={win}>
        <DndContext sensors={sensors} onDragEnd={onDragEnd}>
          <div className="board" role="region" aria-label={t('board.label')} data-testid="pipeline-board">
            {board.value.map((column) => (
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
