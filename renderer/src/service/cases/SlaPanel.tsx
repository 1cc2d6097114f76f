import { useTranslation } from 'react-i18next';
import type { CaseSla, SlaClock } from '../../../../shared/service/sla-state';
import { clockStateAt } from '../../../../shared/service/sla-state';
import { useFormatters } from '../../i18n/use-formatters';
import { remainingMs } from './sla-display';
import { SlaBadge } from './SlaBadge';
import { useDuration } from './use-duration';
import { useNow } from './use-now';

const SECOND = 1000;

/** Both SLA clocks of a case: state, target, time spent, due time and a countdown ticking every second. */
export function SlaPanel({ sla }: { readonly sla: CaseSla }) {
  const { t } = useTranslation('service');
  return (
    <section className="rec-card rec-panel case-sla" aria-labelledby="case-sla-title" data-testid="sla-panel">
      <header className="rec-panel-header">
        <h3 id="case-sla-title" className="rec-panel-title">
          {t('sla.title')}
        </h3>
        <SlaBadge sla={sla} compact />
      </header>
      {sla.state === 'none' || (!sla.firstResponse && !sla.resolution) ? (
        <p className="case-muted case-pad">{t('sla.noPolicy')}</p>
      ) : (
        <div className="case-clocks">
          {sla.firstResponse ? <ClockView label={t('sla.firstResponse')} clock={sla.firstResponse} testId="sla-first-response" /> : null}
          {sla.resolution ? <ClockView label={t('sla.resolution')} clock={sla.resolution} testId="sla-resolution" /> : null}
        </div>
      )}
    </section>
  );
}

function ClockView({ label, clock, testId }: { readonly label: string; readonly clock: SlaClock; readonly testId: string }) {
  const { t } = useTranslation('service');
  const format = useFormatters();
  const duration = useDuration();
  const now = useNow(SECOND);
  const state = clockStateAt(clock, now);
  const left = remainingMs(clock, now);
  const running = !clock.done && !clock.paused && clock.dueAt !== undefined;
  const countdown = clock.done
    ? null
    : left >= 0
      ? t('sla.left', { time: duration(left, running) })
      : t('sla.over', { time: duration(left, running) });
  return (
    <div className={`case-clock case-clock-${state}`} data-testid={testId} data-state={state}>
      <div className="case-clock-head">
        <h4>{label}</h4>
        <span className={`badge sla-badge sla-${state}`}>{t(`sla.state.${state}`)}</span>
      </div>
      {countdown ? (
        <p className="case-countdown" role={running ? 'timer' : undefined} aria-live="off" data-testid={`${testId}-countdown`}>
          {countdown}
        </p>
      ) : null}
      {clock.paused && !clock.done ? <p className="case-paused-note">{t('sla.pausedNote')}</p> : null}
      <dl className="case-clock-facts">
        <div>
          <dt>{t('sla.target')}</dt>
          <dd>{duration(clock.targetMinutes * 60_000)}</dd>
        </div>
        <div>
          <dt>{t('sla.elapsed')}</dt>
          <dd>{duration(clock.elapsedMinutes * 60_000)}</dd>
        </div>
        <div>
          <dt>{t('sla.due')}</dt>
          <dd>
            {clock.done
              ? t(clock.state === 'met' ? 'sla.doneMet' : 'sla.doneBreached')
              : clock.dueAt !== undefined && !clock.paused
                ? format.dateTime(clock.dueAt)
                : t('sla.dueStopped')}
          </dd>
        </div>
      </dl>
      <p className="visually-hidden">{t('sla.businessNote')}</p>
    </div>
  );
}
