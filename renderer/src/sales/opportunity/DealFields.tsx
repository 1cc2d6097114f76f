import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpportunityRecord } from '../../../../shared/contract/sales/opportunities-requests';
import { FORECAST_CATEGORIES, OPPORTUNITY_STAGES, type ForecastCategory, type OpportunityStage } from '../../../../shared/schemas';
import { useFormatters } from '../../i18n/use-formatters';
import { CampaignPicker } from '../../marketing/campaigns/CampaignPicker';
import { LostReasonDialog } from '../pipeline/LostReasonDialog';
import { useSend } from '../use-request';

/** Stage (with its history), probability and forecast category (stage defaults, editable), close date, next step, won/lost. */
export function DealFields({ opp, onChanged }: { readonly opp: OpportunityRecord; readonly onChanged: () => void }) {
  const { t } = useTranslation('sales');
  const format = useFormatters();
  const send = useSend();
  const failed = (message: string) => t('common.failed', { message });
  const [probability, setProbability] = useState(String(opp.probability));
  const [forecast, setForecast] = useState<ForecastCategory>(opp.forecastCategory);
  const [closeDate, setCloseDate] = useState(opp.closeDate);
  const [nextStep, setNextStep] = useState(opp.nextStep ?? '');
  const [campaignId, setCampaignId] = useState(opp.campaignId ?? '');
  const [losing, setLosing] = useState(false);

  const move = async (stage: OpportunityStage, lossReason?: string) => {
    if (stage === 'closed_lost' && !lossReason) return setLosing(true);
    if (
      await send(
        'opportunities.moveStage',
        { id: opp.id, stage, ...(lossReason ? { lossReason } : {}), expectedRevision: opp.revision },
        failed,
      )
    )
      onChanged();
  };
  const last = opp.stageHistory.at(-1);

  return (
    <form
      className="sales-form"
      onSubmit={async (event) => {
        event.preventDefault();
        const patch = {
          probability: Number(probability),
          forecastCategory: forecast,
          closeDate,
          nextStep,
          // Sent only when changed, so a save never overwrites a source someone else set meanwhile.
          ...(campaignId !== (opp.campaignId ?? '') ? { campaignId: campaignId || null } : {}),
        };
        if (await send('opportunities.update', { id: opp.id, patch, expectedRevision: opp.revision }, failed)) onChanged();
      }}
    >
      <div className="sales-row">
        <label className="rec-field">
          <span className="rec-field-label">{t('opps.stage')}</span>
          <select
            className="rec-input select"
            value={opp.stage}
            data-testid="deal-stage"
            onChange={(e) => void move(e.target.value as OpportunityStage)}
          >
            {OPPORTUNITY_STAGES.map((s) => (
              <option key={s} value={s}>
                {t(`stage.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="rec-field">
          <span className="rec-field-label">{t('opps.probability')}</span>
          <input
            className="rec-input"
            type="number"
            min={0}
            max={100}
            step={1}
            value={probability}
            onChange={(e) => setProbability(e.target.value)}
          />
        </label>
        <label className="rec-field">
          <span className="rec-field-label">{t('opps.forecastCategory')}</span>
          <select className="rec-input select" value={forecast} onChange={(e) => setForecast(e.target.value as ForecastCategory)}>
            {FORECAST_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`forecast.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="rec-field">
          <span className="rec-field-label">{t('opps.closeDate')}</span>
          <input className="rec-input" type="date" value={closeDate} required onChange={(e) => setCloseDate(e.target.value)} />
        </label>
      </div>
      <label className="rec-field">
        <span className="rec-field-label">{t('opps.nextStep')}</span>
        <input className="rec-input" value={nextStep} maxLength={500} onChange={(e) => setNextStep(e.target.value)} />
      </label>
      <CampaignPicker value={campaignId} onChange={setCampaignId} testId="deal-campaign" />
      <div className="sales-actions">
        {last ? (
          <span className="deal-date">{t('opps.inStage', { stage: t(`stage.${last.stage}`), date: format.dateTime(last.at) })}</span>
        ) : null}
        {opp.lossReason ? <span className="deal-date">{t('opps.lossReason', { reason: opp.lossReason })}</span> : null}
        {opp.stage.startsWith('closed') ? null : (
          <>
            <button type="button" className="button button-secondary" onClick={() => void move('closed_won')}>
              {t('opps.won')}
            </button>
            <button type="button" className="button button-secondary" onClick={() => void move('closed_lost')}>
              {t('opps.lost')}
            </button>
          </>
        )}
        <button type="submit" className="button">
          {t('common.save')}
        </button>
      </div>
      {losing ? (
        <LostReasonDialog
          onClose={() => setLosing(false)}
          onConfirm={(reason) => {
            setLosing(false);
            void move('closed_lost', reason);
          }}
        />
      ) : null}
    </form>
  );
}
