import { useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_QUEUES, type CaseQueue } from '../../../../shared/contract/service/cases-requests';
import { useLiveQuery } from '../../data/use-live-query';
import { useFormatters } from '../../i18n/use-formatters';

/** The queue views as tabs with their live counts; arrows move between tabs (one tab stop). */
export function QueueTabs({
  queue,
  panelId,
  onChange,
}: {
  readonly queue: CaseQueue;
  readonly panelId: string;
  readonly onChange: (q: CaseQueue) => void;
}) {
  const { t } = useTranslation('service');
  const format = useFormatters();
  const counts = useLiveQuery('cases.queueCounts', {}, 'queue-counts');
  const refs = useRef(new Map<CaseQueue, HTMLButtonElement>());

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const at = CASE_QUEUES.indexOf(queue);
    const next =
      event.key === 'ArrowRight'
        ? (at + 1) % CASE_QUEUES.length
        : event.key === 'ArrowLeft'
          ? (at - 1 + CASE_QUEUES.length) % CASE_QUEUES.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? CASE_QUEUES.length - 1
              : null;
    if (next === null) return;
    event.preventDefault();
    const target = CASE_QUEUES[next];
    if (!target) return;
    onChange(target);
    refs.current.get(target)?.focus();
  };

  return (
    <div className="case-queues" role="tablist" aria-label={t('queues.label')} onKeyDown={onKeyDown}>
      {CASE_QUEUES.map((q) => {
        const count = counts.status === 'ready' ? counts.result[q] : null;
        return (
          <button
            key={q}
            ref={(node) => {
              if (node) refs.current.set(q, node);
              else refs.current.delete(q);
            }}
            type="button"
            role="tab"
            id={`case-queue-${q}`}
            aria-selected={q === queue}
            aria-controls={panelId}
            tabIndex={q === queue ? 0 : -1}
            className={`case-queue${q === queue ? ' case-queue-active' : ''}${q === 'breaching' && count ? ' case-queue-alert' : ''}`}
            data-testid={`queue-${q}`}
            onClick={() => onChange(q)}
          >
            {t(`queues.${q}`)}
            {count === null ? null : <span className="case-queue-count">{format.number(count)}</span>}
          </button>
        );
      })}
    </div>
  );
}
