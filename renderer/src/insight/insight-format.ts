import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChurnReason, ChurnReasonCode, RfmSegment } from '../../../shared/contract/insight/insight-requests';
import type { Formatters } from '../i18n/formatters';
import { useFormatters } from '../i18n/use-formatters';

/** `wholePercent`: 0..100 as the core sends it (37 → "37%"). */
type ParamKind = 'int' | 'decimal' | 'wholePercent' | 'money';

/**
 * The numbers each reason's sentence needs and how they read. A reason that arrives without one of
 * them is said without numbers (the `_plain` sentence) rather than with a blank in it.
 */
const REASON_PARAMS: Readonly<Record<ChurnReasonCode, Readonly<Record<string, ParamKind>>>> = {
  no_recent_purchase: { days: 'int' },
  fewer_purchases: { recent: 'int', previous: 'int', months: 'int' },
  lower_spend: { recent: 'money', previous: 'money', months: 'int' },
  open_cases: { count: 'int' },
  breached_cases: { count: 'int', months: 'int' },
  low_csat: { score: 'decimal' },
  detractor_nps: { score: 'int' },
  no_recent_activity: { days: 'int' },
  low_p_alive: { percent: 'wholePercent' },
};

export type FixedFormat = (value: number, digits: number) => string;

/** Numbers with a fixed count of decimals in `locale`, one Intl format per count. */
export function createFixed(locale: string): FixedFormat {
  const formats = new Map<number, Intl.NumberFormat>();
  return (value, digits) => {
    let format = formats.get(digits);
    if (!format) {
      format = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
      formats.set(digits, format);
    }
    return format.format(value);
  };
}

/** A number with exactly `digits` decimals in the page's language (AUC 0.742, Brier 0.183). */
export function useFixed(): FixedFormat {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  return useMemo(() => createFixed(locale), [locale]);
}

export type ReasonMessage = {
  /** `reasons.<code>` with its numbers, or `reasons.<code>_plain` when one of them is missing. */
  readonly key: `reasons.${ChurnReasonCode}` | `reasons.${ChurnReasonCode}_plain`;
  readonly values: Readonly<Record<string, string | number>>;
};

/** Which sentence a reason takes and its numbers formatted (money in `currency`); `count` stays a number for plurals. */
export function reasonMessage(reason: ChurnReason, currency: string, format: Formatters, fixed: FixedFormat): ReasonMessage {
  const values: Record<string, string | number> = {};
  for (const [name, kind] of Object.entries(REASON_PARAMS[reason.code])) {
    const raw = reason.params[name];
    if (raw === undefined || !Number.isFinite(raw)) return { key: `reasons.${reason.code}_plain`, values: {} };
    values[name] =
      kind === 'money'
        ? format.money(raw, currency)
        : kind === 'wholePercent'
          ? format.percent(raw / 100)
          : kind === 'decimal'
            ? fixed(raw, 1)
            : name === 'count'
              ? raw
              : format.number(Math.round(raw));
  }
  return { key: `reasons.${reason.code}`, values };
}

/** A churn reason as a sentence a rep can act on, its numbers formatted (money in `currency`). */
export function useReasonText(): (reason: ChurnReason, currency: string) => string {
  const { t } = useTranslation('insight');
  const format = useFormatters();
  const fixed = useFixed();
  return (reason, currency) => {
    const message = reasonMessage(reason, currency, format, fixed);
    return t(message.key, message.values);
  };
}

/** Segments from the best customers to the lost ones share three tones: keep, watch, win back. */
export function segmentTone(segment: RfmSegment): 'good' | 'watch' | 'risk' {
  switch (segment) {
    case 'champions':
    case 'loyal':
    case 'potential_loyalists':
    case 'new_customers':
    case 'promising':
      return 'good';
    case 'need_attention':
    case 'about_to_sleep':
    case 'hibernating':
      return 'watch';
    default:
      return 'risk';
  }
}

/** A calendar date from the core ("2026-03-31") in the page's language. */
export function useIsoDay(): (iso: string | null) => string {
  const format = useFormatters();
  const { t } = useTranslation('insight');
  return (iso) => (iso === null ? t('none') : format.day(iso.slice(0, 10)));
}
