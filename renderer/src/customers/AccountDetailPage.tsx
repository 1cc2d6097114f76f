import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { AccountRecord, CrmError } from '../../../shared/contract';
import { ErrorState, LoadingState } from '../common/StateViews';
import { useFormatters } from '../i18n/use-formatters';
import { useCrmClient } from '../transport/client-context';

type Loaded = { readonly id: string } & ({ readonly account: AccountRecord } | { readonly error: CrmError });

/** Read-only placeholder so search results and list rows have somewhere to go; the editor replaces it. */
export function AccountDetailPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const client = useCrmClient();
  const { id = '' } = useParams();
  const [loaded, setLoaded] = useState<Loaded | null>(null);

  useEffect(() => {
    let current = true;
    void client.send('accounts.get', { id }).then((result) => {
      if (current) setLoaded(result.ok ? { id, account: result.value } : { id, error: result.error });
    });
    return () => {
      current = false;
    };
  }, [client, id]);

  if (!loaded || loaded.id !== id) return <LoadingState />;
  if ('error' in loaded) return <ErrorState title={t('accounts.detailTitle')} error={loaded.error} />;
  const { account } = loaded;
  const fields: ReadonlyArray<readonly [string, string]> = [
    [t('accounts.columns.status'), t(`accounts.status.${account.status}`)],
    [t('accounts.columns.tier'), t(`accounts.tier.${account.tier}`)],
    [t('accounts.columns.region'), t(`accounts.region.${account.region}`)],
    [t('accounts.columns.industry'), account.industry ?? t('list.notSet')],
    [t('accounts.columns.city'), account.city ?? t('list.notSet')],
    [t('accounts.columns.annualRevenue'), account.annualRevenue === undefined ? t('list.notSet') : format.money(account.annualRevenue, account.currency)],
    [t('accounts.columns.updatedAt'), format.dateTime(account.updatedAt)],
  ];
  return (
    <article className="detail">
      <Link to="/customers/accounts" className="back-link">
        ← {t('accounts.back')}
      </Link>
      <h2 className="detail-title">{account.name}</h2>
      <dl className="detail-fields">
        {fields.map(([label, value]) => (
          <div key={label} className="detail-field">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </article>
  );
}
