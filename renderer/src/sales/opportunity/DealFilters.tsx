import { useTranslation } from 'react-i18next';
import { CLOSE_PERIODS } from '../../../../shared/contract/sales/close-periods';
import { OPPORTUNITY_STAGES } from '../../../../shared/schemas';
import { DEFAULT_DEAL_FILTERS, type DealFilterState, type PeriodChoice, type StageChoice } from './deal-filter-state';
import { useDealPeople } from './use-deal-owners';

type Props = {
  readonly value: DealFilterState;
  readonly onChange: (next: DealFilterState) => void;
  /** The board has a column per stage and no amount bounds; the list has both. */
  readonly variant: 'list' | 'board';
};

/** Owner, "My deals", team and close period (plus stage and amount on the list), as plain labelled controls. */
export function DealFilters({ value, onChange, variant }: Props) {
  const { t } = useTranslation('sales');
  const people = useDealPeople();
  const set = (patch: Partial<DealFilterState>): void => onChange({ ...value, ...patch });
  const periods: ReadonlyArray<PeriodChoice> = variant === 'list' ? [...CLOSE_PERIODS, 'overdue'] : CLOSE_PERIODS;
  const changed = (Object.keys(DEFAULT_DEAL_FILTERS) as Array<keyof DealFilterState>).some(
    (key) => value[key] !== DEFAULT_DEAL_FILTERS[key],
  );
  return (
    <div className="deal-filters" role="group" aria-label={t('dealFilters.label')} data-testid="deal-filters">
      <label className="deal-filter deal-filter-check">
        <input type="checkbox" checked={value.mine} onChange={(e) => set({ mine: e.target.checked })} data-testid="filter-mine" />
        <span>{t('dealFilters.mine')}</span>
      </label>
      <label className="deal-filter">
        <span className="deal-filter-label">{t('dealFilters.owner')}</span>
        <select
          className="rec-input select"
          value={value.ownerId}
          onChange={(e) => set({ ownerId: e.target.value })}
          data-testid="filter-owner"
        >
          <option value="">{t('dealFilters.anyone')}</option>
          {people.owners.map((owner) => (
            <option key={owner.id} value={owner.id}>
              {owner.label}
            </option>
          ))}
        </select>
      </label>
      <label className="deal-filter">
        <span className="deal-filter-label">{t('dealFilters.team')}</span>
        <select
          className="rec-input select"
          value={value.teamId}
          onChange={(e) => set({ teamId: e.target.value })}
          data-testid="filter-team"
        >
          <option value="">{t('dealFilters.anyTeam')}</option>
          {people.teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.label}
            </option>
          ))}
        </select>
      </label>
      <label className="deal-filter">
        <span className="deal-filter-label">{variant === 'board' ? t('dealFilters.openPeriod') : t('dealFilters.period')}</span>
        <select
          className="rec-input select"
          value={value.period}
          onChange={(e) => set({ period: e.target.value as PeriodChoice })}
          data-testid="filter-period"
        >
          {periods.map((period) => (
            <option key={period} value={period}>
              {t(`closePeriod.${period}`)}
            </option>
          ))}
        </select>
      </label>
      {variant === 'list' ? (
        <>
          <label className="deal-filter">
            <span className="deal-filter-label">{t('opps.stage')}</span>
            <select
              className="rec-input select"
              value={value.stage}
              onChange={(e) => set({ stage: e.target.value as StageChoice })}
              data-testid="filter-stage"
            >
              <option value="open">{t('dealFilters.openStages')}</option>
              <option value="all">{t('dealFilters.allStages')}</option>
              {OPPORTUNITY_STAGES.map((stage) => (
                <option key={stage} value={stage}>
                  {t(`stage.${stage}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="deal-filter deal-filter-amount">
            <span className="deal-filter-label">{t('dealFilters.amountMin')}</span>
            <input
              className="rec-input"
              type="number"
              min={0}
              inputMode="decimal"
              value={value.amountMin}
              onChange={(e) => set({ amountMin: e.target.value })}
              data-testid="filter-amount-min"
            />
          </label>
          <label className="deal-filter deal-filter-amount">
            <span className="deal-filter-label">{t('dealFilters.amountMax')}</span>
            <input
              className="rec-input"
              type="number"
              min={0}
              inputMode="decimal"
              value={value.amountMax}
              onChange={(e) => set({ amountMax: e.target.value })}
              data-testid="filter-amount-max"
            />
          </label>
        </>
      ) : null}
      {changed ? (
        <button type="button" className="link-button" onClick={() => onChange(DEFAULT_DEAL_FILTERS)} data-testid="clear-deal-filters">
          {t('dealFilters.reset')}
        </button>
      ) : null}
    </div>
  );
}
