import { useTranslation } from 'react-i18next';
import type { CaseSla } from '../../../../shared/service/sla-state';
import { drivingClock, remainingMs, slaStateAt } from './sla-display';
import { useDuration } from './use-duration';
import { useNow } from './use-now';

/** How often list badges recompute; the case page's countdown ticks every second. */
export const LIST_TICK_MS = 30_000;

/**
 * A case's SLA state with the time left (or over), ticking locally with clockStateAt between the
 * core's live answers, so "at risk" turns "breached" on screen at the due time, offline too.
 */
export function SlaBadge({ sla, compact = false }: { readonly sla: CaseSla; readonly compact?: boolean }) {
  const { t } = useTranslation('service');
  const now = useNow(LIST_TICK_MS);
  const duration = useDuration();
  const state = slaStateAt(sla, now);
  const clock = drivingClock(sla);
  const showTime =
    clock !== undefined && !clock.done && (state === 'on_track' || state === 'at_risk' || state === 'breached' || state === 'paused');
  const left = clock ? remainingMs(clock, now) : 0;
  const time = showTime ? (left >= 0 ? t('sla.left', { time: duration(left) }) : t('sla.over', { time: duration(left) })) : null;
  return (
    <span className={`badge sla-badge sla-${state}`} data-testid="sla-badge" data-state={state}>
      {t(`sla.state.${state}`)}
      {time && !compact ? <span className="sla-badge-time"> · {time}</span> : null}
    </span>
  );
}
