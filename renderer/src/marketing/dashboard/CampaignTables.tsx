import { useTranslation } from 'react-i18next';
import type { MarketingDashboard } from '../../../../shared/contract/marketing/marketing-dashboard-requests';
import { ATTRIBUTION_MODELS } from '../../../../shared/marketing/attribution';
import { useFormatters } from '../../i18n/use-formatters';

/** The exact figures behind the charts: per currency, per campaign and per type under every model. */
export function CampaignTables({ dashboard }: { readonly dashboard: MarketingDashboard }) {
  const { t } = useTranslation('marketing-dashboard');
  const { t: tm } = useTranslation('marketing');
  const format = useFormatters();
  const roi = (value: number | null): string => (value === null ? t('figures.noCost') : format.percent(value));
  const perLead = (value: number | null, currency: string): string => (value === null ? '—' : format.money(value, currency));
  return (
    <>
      <section className="print-section marketing-table-section">
        <h3 className="marketing-table-title">{t('tables.byCurrency')}</h3>
        <div className="marketing-table-scroll">
          <table className="print-table marketing-table" data-testid="marketing-currency-table">
            <thead>
              <tr>
                <th scope="col">{t('tables.currency')}</th>
                <th scope="col" className="num">
                  {t('tables.campaigns')}
                </th>
                <th scope="col" className="num">
                  {t('figures.budget')}
                </th>
                <th scope="col" className="num">
                  {t('figures.spend')}
                </th>
                <th scope="col" className="num">
                  {t('figures.revenue')}
                </th>
                <th scope="col" className="num">
                  {t('figures.roi')}
                </th>
                <th scope="col" className="num">
                  {t('figures.leads')}
                </th>
                <th scope="col" className="num">
                  {t('figures.costPerLead')}
                </th>
              </tr>
            </thead>
            <tbody>
              {dashboard.totalsByCurrency.map((row) => (
                <tr key={row.currency}>
                  <th scope="row">{row.currency}</th>
                  <td className="num">{format.number(row.campaigns)}</td>
                  <td className="num">{format.money(row.budget, row.currency)}</td>
                  <td className="num">{format.money(row.actualCost, row.currency)}</td>
                  <td className="num">{format.money(row.revenue, row.currency)}</td>
                  <td className="num">{roi(row.roi)}</td>
                  <td className="num">{format.number(row.leads)}</td>
                  <td className="num">{perLead(row.costPerLead, row.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="print-section marketing-table-section">
        <h3 className="marketing-table-title">{t('tables.byCampaign', { model: tm(`attributionModel.${dashboard.model}`) })}</h3>
        <div className="marketing-table-scroll">
          <table className="print-table marketing-table" data-testid="marketing-campaign-table">
            <thead>
              <tr>
                <th scope="col">{t('tables.campaign')}</th>
                <th scope="col">{t('tables.type')}</th>
                <th scope="col" className="num">
                  {t('figures.budget')}
                </th>
                <th scope="col" className="num">
                  {t('figures.spend')}
                </th>
                <th scope="col" className="num">
                  {t('figures.revenue')}
                </th>
                <th scope="col" className="num">
                  {t('figures.roi')}
                </th>
                <th scope="col" className="num">
                  {t('figures.leads')}
                </th>
                <th scope="col" className="num">
                  {t('figures.costPerLead')}
                </th>
              </tr>
            </thead>
            <tbody>
              {dashboard.campaigns.map((row) => (
                <tr key={row.id}>
                  <th scope="row">{row.name}</th>
                  <td>{tm(`campaignType.${row.type}`)}</td>
                  <td className="num">{format.money(row.budget, row.currency)}</td>
                  <td className="num">{format.money(row.actualCost, row.currency)}</td>
                  <td className="num">{format.money(row.revenue, row.currency)}</td>
                  <td className="num">{roi(row.roi)}</td>
                  <td className="num">{format.number(row.leads)}</td>
                  <td className="num">{perLead(row.costPerLead, row.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="print-section marketing-table-section">
        <h3 className="marketing-table-title">{t('tables.byType')}</h3>
        <div className="marketing-table-scroll">
          <table className="print-table marketing-table" data-testid="marketing-type-table">
            <thead>
              <tr>
                <th scope="col">{t('tables.type')}</th>
                <th scope="col">{t('tables.currency')}</th>
                <th scope="col" className="num">
                  {t('figures.spend')}
                </th>
                {ATTRIBUTION_MODELS.map((m) => (
                  <th key={m} scope="col" className="num">
                    {t('tables.roiUnder', { model: tm(`attributionModel.${m}`) })}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {dashboard.roiByType.map((row) => (
                <tr key={`${row.type}-${row.currency}`}>
                  <th scope="row">{tm(`campaignType.${row.type}`)}</th>
                  <td>{row.currency}</td>
                  <td className="num">{format.money(row.actualCost, row.currency)}</td>
                  {ATTRIBUTION_MODELS.map((m) => (
                    <td key={m} className="num">
                      {roi(row.byModel[m].roi)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
