import { useTranslation } from 'react-i18next';
import type { AccountRecord } from '../../../../shared/contract';
import { useFormatters } from '../../i18n/use-formatters';

/** The record's remaining fields, only those that are set. */
export function AccountDetails({ account }: { readonly account: AccountRecord }) {
  const { t } = useTranslation('customers-record');
  const format = useFormatters();
  const address = [account.street, [account.postalCode, account.city].filter(Boolean).join(' '), account.state, account.country]
    .filter(Boolean)
    .join(', ');
  const rows: ReadonlyArray<readonly [string, string | undefined]> = [
    [
      t('account.fields.annualRevenue'),
      account.annualRevenue === undefined ? undefined : format.money(account.annualRevenue, account.currency),
    ],
    [t('account.fields.employees'), account.employees === undefined ? undefined : format.number(account.employees)],
    [t('account.fields.currency'), account.currency],
    [t('account.sections.address'), address || undefined],
  ];
  return (
    <section className="rec-card rec-panel" aria-labelledby="details-title">
      <header className="rec-panel-header">
        <h3 id="details-title" className="rec-panel-title">
          {t('detail.details')}
        </h3>
        <span className="rec-panel-note">{t('detail.updated', { date: format.dateTime(account.updatedAt) })}</span>
      </header>
      <dl className="rec-facts">
        {rows
          .filter((row): row is readonly [string, string] => row[1] !== undefined)
          .map(([label, value]) => (
            <div key={label} className="rec-fact">
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
      {account.notes ? <p className="rec-account-notes">{account.notes}</p> : null}
    </section>
  );
}
