import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EditAccess, QuotaRow } from '../../../../shared/contract/sales/quota-requests';
import { QUOTA_PERIODS } from '../../../../shared/schemas/org';
import { EmptyState, ErrorState, LoadingState } from '../../common/StateViews';
import { useToastStore } from '../../common/toast-store';
import { useLiveQuery } from '../../data/use-live-query';
import { useFormatters } from '../../i18n/use-formatters';
import { AccessNote } from '../catalog/AccessNote';
import { COMMON_CURRENCIES, currencyDigits, moneyText, parseMoney } from '../catalog/money-input';
import { useSend } from '../use-request';
import { periodStartOf, periodStartsAround, quarterOf, type QuotaPeriod } from './periods';
import '../catalog/catalog.css';

/** Quota per rep for one month or quarter; managers edit their team's reps in place, reps read. */
export function QuotasPage() {
  const { t } = useTranslation('catalog');
  const [period, setPeriod] = useState<QuotaPeriod>('quarter');
  const [periodStart, setPeriodStart] = useState(() => periodStartOf('quarter', new Date()));
  const access = useLiveQuery('org.access', {}, 'access');
  const sheet = useLiveQuery('quotas.forPeriod', { period, periodStart }, `${period}|${periodStart}`);
  const starts = useMemo(
    () => periodStartsAround(period, new Date(), period === 'quarter' ? 4 : 12, period === 'quarter' ? 4 : 12),
    [period],
  );
  const format = useFormatters();
  const label = (start: string): string =>
    period === 'quarter' ? t('quotas.quarterLabel', { quarter: quarterOf(start), year: start.slice(0, 4) }) : format.month(start);

  return (
    <div className="quota-page">
      {access.status === 'ready' ? <AccessNote access={access.result} readOnlyKey="quotasReadOnly" /> : null}
      <div className="sales-filters">
        <label className="rec-field">
          <span className="rec-field-label">{t('quotas.periodType')}</span>
          <select
            className="rec-input select"
            value={period}
            data-testid="quota-period-type"
            onChange={(event) => {
              const next = event.target.value as QuotaPeriod;
              setPeriod(next);
              setPeriodStart(periodStartOf(next, new Date()));
            }}
          >
            {QUOTA_PERIODS.map((value) => (
              <option key={value} value={value}>
                {t(`quotas.period.${value}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="rec-field">
          <span className="rec-field-label">{t('quotas.which')}</span>
          <select
            className="rec-input select"
            value={periodStart}
            onChange={(event) => setPeriodStart(event.target.value)}
            data-testid="quota-period"
          >
            {starts.map((start) => (
              <option key={start} value={start}>
                {label(start)}
              </option>
            ))}
          </select>
        </label>
        {access.status === 'ready' && access.result.role === 'manager' ? <p className="catalog-hint">{t('access.teamOnly')}</p> : null}
      </div>
      {period === 'quarter' ? <p className="catalog-hint">{t('quotas.hint')}</p> : null}
      {sheet.status === 'loading' || access.status === 'loading' ? <LoadingState /> : null}
      {sheet.status === 'error' ? <ErrorState title={t('quotas.loadFailed')} error={sheet.error} /> : null}
      {access.status === 'error' ? <ErrorState title={t('quotas.loadFailed')} error={access.error} /> : null}
      {sheet.status === 'ready' && access.status === 'ready' ? (
        sheet.result.rows.length === 0 ? (
          <EmptyState title={t('quotas.emptyTitle')} body={t('quotas.emptyBody')} />
        ) : (
          <QuotaSheet
            rows={sheet.result.rows}
            access={access.result}
            period={period}
            periodStart={periodStart}
            periodLabel={label(periodStart)}
          />
        )
      ) : null}
    </div>
  );
}

function QuotaSheet({
  rows,
  access,
  period,
  periodStart,
  periodLabel,
}: {
  readonly rows: ReadonlyArray<QuotaRow>;
  readonly access: EditAccess;
  readonly period: QuotaPeriod;
  readonly periodStart: string;
  readonly periodLabel: string;
}) {
  const { t } = useTranslation('catalog');
  return (
    <div className="sales-table-scroll">
      <table className="quota-table" aria-label={t('quotas.sheetLabel', { period: periodLabel })} data-testid="quota-table">
        <thead>
          <tr>
            <th scope="col">{t('quotas.rep')}</th>
            <th scope="col">{t('quotas.team')}</th>
            <th scope="col" className="num">
              {t('quotas.amount')}
            </th>
            <th scope="col">{t('quotas.currency')}</th>
            {period === 'quarter' ? (
              <th scope="col" className="num">
                {t('quotas.monthSum')}
              </th>
            ) : null}
            {access.canEdit ? (
              <th scope="col">
                <span className="visually-hidden">{t('quotas.save')}</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <QuotaLine key={`${row.userId}|${periodStart}`} row={row} canEdit={access.canEdit} period={period} periodStart={periodStart} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

type Draft = { readonly amount: string; readonly currency: string; readonly base: string | null };

const draftOf = (row: QuotaRow): Draft => ({
  amount: row.quota ? moneyText(row.quota.amount, row.quota.currency) : '',
  currency: row.quota?.currency ?? 'USD',
  base: row.quota?.revision ?? null,
});

function QuotaLine({
  row,
  canEdit,
  period,
  periodStart,
}: {
  readonly row: QuotaRow;
  readonly canEdit: boolean;
  readonly period: QuotaPeriod;
  readonly periodStart: string;
}) {
  const { t } = useTranslation('catalog');
  const format = useFormatters();
  const send = useSend();
  const show = useToastStore((state) => state.show);
  const [draft, setDraft] = useState<Draft>(() => draftOf(row));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const saved = draftOf(row);
  const dirty = draft.amount !== saved.amount || draft.currency !== saved.currency;
  // A change from elsewhere (sync, another window) replaces an untouched row; typing in progress is kept.
  if (!dirty && draft.base !== saved.base) setDraft(saved);

  const months =
    row.monthQuotas.length === 0 ? t('quotas.noMonths') : row.monthQuotas.map((m) => format.money(m.amount, m.currency)).join(' + ');
  const errorId = `quota-error-${row.userId}`;

  const save = async (): Promise<void> => {
    const amount = parseMoney(draft.amount, draft.currency);
    if (amount === null) {
      const digits = currencyDigits(draft.currency);
      setError(digits === 0 ? t('prices.amountInvalidWhole') : t('prices.amountInvalid', { digits }));
      return;
    }
    setError(null);
    setSaving(true);
    const result = await send(
      'quotas.set',
      {
        userId: row.userId,
        period,
        periodStart,
        currency: draft.currency,
        amount,
        ...(row.quota ? { expectedRevision: row.quota.revision } : {}),
      },
      (message) => t('quotas.failed', { message }),
    );
    setSaving(false);
    if (!result) return;
    setDraft({ amount: moneyText(result.amount, result.currency), currency: result.currency, base: result.revision });
    show({ message: t('quotas.saved', { name: row.name }) });
  };

  return (
    <tr data-testid={`quota-row-${row.userId}`}>
      <th scope="row">{row.name}</th>
      <td>{row.teamName ?? row.teamId}</td>
      {canEdit ? (
        <>
          <td className="quota-amount">
            <input
              className="rec-input num"
              inputMode="decimal"
              maxLength={20}
              value={draft.amount}
              placeholder={t('quotas.notSet')}
              aria-label={t('quotas.amountLabel', { name: row.name })}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? errorId : undefined}
              onChange={(event) => setDraft({ ...draft, amount: event.target.value })}
              onKeyDown={(event) => {
                if (event.key === 'Enter') void save();
              }}
              data-testid="quota-amount"
            />
            {error ? (
              <p id={errorId} className="quota-error" role="alert">
                {error}
              </p>
            ) : null}
          </td>
          <td className="quota-currency">
            <select
              className="rec-input select"
              value={draft.currency}
              aria-label={t('quotas.currencyLabel', { name: row.name })}
              onChange={(event) => setDraft({ ...draft, currency: event.target.value })}
            >
              {[...new Set([...COMMON_CURRENCIES, draft.currency])].sort().map((code) => (
                <option key={code} value={code}>
                  {code}
                </option>
              ))}
            </select>
          </td>
        </>
      ) : (
        <>
          <td className="num">{row.quota ? format.money(row.quota.amount, row.quota.currency) : t('quotas.notSet')}</td>
          <td>{row.quota?.currency ?? '—'}</td>
        </>
      )}
      {period === 'quarter' ? <td className="num">{months}</td> : null}
      {canEdit ? (
        <td>
          <button
            type="button"
            className="button"
            disabled={!dirty || saving}
            aria-label={t('quotas.saveLabel', { name: row.name })}
            onClick={() => void save()}
            data-testid="save-quota"
          >
            {t('quotas.save')}
          </button>
          {dirty ? <span className="quota-unsaved"> {t('quotas.unsaved')}</span> : null}
        </td>
      ) : null}
    </tr>
  );
}
