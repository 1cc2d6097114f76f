import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MoneyFigure } from '../../../../shared/contract/customers/account-summary-requests';
import { useLiveQuery } from '../../data/use-live-query';
import type { Formatters } from '../../i18n/formatters';
import { useFormatters } from '../../i18n/use-formatters';

/**
 * The header's four figures, computed by the core (accounts.summary) from its indexes, live: a deal
 * won, a case opened or a call logged anywhere (this window, another, a sync pull) shows here.
 */
export function KeyFigures({ accountId }: { readonly accountId: string }) {
  const { t } = useTranslation('customers-record');
  const format = useFormatters();
  // The rep's own calendar year: "won this year" must not flip at the core's midnight.
  const year = new Date().getFullYear();
  const live = useLiveQuery('accounts.summary', { id: accountId, year }, `summary:${accountId}:${year}`);
  const summary = live.status === 'ready' ? live.result : null;

  if (live.status === 'error') {
    return (
      <p className="rec-figures-error" role="alert">
        {t('detail.figuresError')}
      </p>
    );
  }
  const loading = summary === null;
  return (
    <section className="rec-figures" aria-label={t('detail.figures')} aria-busy={loading} data-testid="key-figures">
      <Figure
        tone="blue"
        label={t('detail.openPipeline')}
        value={summary ? money(format, summary.openPipeline) : null}
        note={summary ? t('detail.openPipelineDeals', { count: summary.openPipeline.count }) : null}
        extra={summary ? others(format, summary.openPipeline, t) : null}
        testId="figure-pipeline"
      />
      <Figure
        tone="green"
        label={summary ? t('detail.wonThisYear', { year: summary.year }) : t('detail.wonThisYear', { year: new Date().getFullYear() })}
        value={summary ? money(format, summary.wonThisYear) : null}
        note={summary ? t('detail.wonDeals', { count: summary.wonThisYear.count }) : null}
        extra={summary ? others(format, summary.wonThisYear, t) : null}
        testId="figure-won"
      />
      <Figure
        tone={summary && summary.openCases > 0 ? 'amber' : 'grey'}
        label={t('detail.openCases')}
        value={summary ? format.number(summary.openCases) : null}
        note={summary ? (summary.openCases > 0 ? t('detail.openCasesSome') : t('detail.openCasesNone')) : null}
        testId="figure-cases"
        to={`/service/cases?account=${encodeURIComponent(accountId)}`}
      />
      <Figure
        tone="violet"
        label={t('detail.lastContact')}
        value={summary ? (summary.lastContactAt === undefined ? t('detail.lastContactNever') : format.date(summary.lastContactAt)) : null}
        note={summary ? (summary.lastContactAt === undefined ? t('detail.lastContactNone') : format.relative(summary.lastContactAt)) : null}
        testId="figure-last-contact"
      />
    </section>
  );
}

function Figure(props: {
  readonly tone: 'blue' | 'green' | 'amber' | 'grey' | 'violet';
  readonly label: string;
  readonly value: string | null;
  readonly note: string | null;
  readonly extra?: string | null;
  readonly testId: string;
  /** The figure opens the list it counts. */
  readonly to?: string;
}) {
  const body = (
    <>
      <span className="rec-figure-label">{props.label}</span>
      {props.value === null ? (
        <span className="rec-figure-value rec-skeleton" aria-hidden="true" />
      ) : (
        <span className="rec-figure-value">{props.value}</span>
      )}
      <span className="rec-figure-note">
        {props.note}
        {props.extra ? <span className="rec-figure-extra"> {props.extra}</span> : null}
      </span>
    </>
  );
  return props.to ? (
    <Link to={props.to} className={`rec-figure rec-figure-${props.tone} rec-figure-link`} data-testid={props.testId}>
      {body}
    </Link>
  ) : (
    <div className={`rec-figure rec-figure-${props.tone}`} data-testid={props.testId}>
      {body}
    </div>
  );
}

function money(format: Formatters, figure: MoneyFigure): string {
  const [main] = figure.totals;
  return main ? format.money(main.amount, main.currency) : '';
}

/** Deals in other currencies are shown beside, never converted (no exchange rates offline). */
function others(
  format: Formatters,
  figure: MoneyFigure,
  t: (key: 'detail.otherCurrencies', options: { amounts: string }) => string,
): string | null {
  const rest = figure.totals.slice(1).filter((total) => total.amount !== 0);
  return rest.length === 0
    ? null
    : t('detail.otherCurrencies', { amounts: rest.map((total) => format.moneyCompact(total.amount, total.currency)).join(' + ') });
}
