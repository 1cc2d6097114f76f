import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { RfmSegment } from '../../../../shared/contract/insight/insight-requests';
import type { DiscoverCluster, DiscoverTrait } from '../../../../shared/contract/marketing/discover-requests';
import { isSegmentGroup, type SegmentCondition } from '../../../../shared/marketing/segment-conditions';
import { useFormatters } from '../../i18n/use-formatters';
import { useCrmClient } from '../../transport/client-context';

/** One discovered group: its size, what sets it apart, and its approximate segment with "Save as segment". */
export function ClusterCard({ cluster }: { readonly cluster: DiscoverCluster }) {
  const { t } = useTranslation('marketing-dashboard');
  const format = useFormatters();
  const client = useCrmClient();
  const traitText = useTraitText();
  const conditionText = useConditionText();
  const headingId = `discover-group-${cluster.number}`;
  const defaultName = t('discover.defaultName', {
    number: cluster.number,
    traits: cluster.traits
      .slice(0, 2)
      .map((trait) => t(`discover.short.${trait.feature}_${trait.direction}`))
      .join(t('discover.listSeparator')),
  });
  const [name, setName] = useState(defaultName);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<{ readonly id: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const suggestion = cluster.suggestion;

  const save = async (): Promise<void> => {
    if (!suggestion) return;
    setSaving(true);
    setError(null);
    const result = await client.send('segments.create', {
      values: {
        name: name.trim() || defaultName,
        description: t('discover.savedDescription', { traits: cluster.traits.map(traitText).join(' ') }),
        definition: suggestion.definition,
      },
    });
    setSaving(false);
    if (!result.ok) return setError(t('discover.saveFailed', { message: result.error.message }));
    setSaved({ id: result.value.id });
  };

  const conditions = suggestion ? suggestion.definition.root.items.filter((item): item is SegmentCondition => !isSegmentGroup(item)) : [];
  return (
    <section className="discover-card" aria-labelledby={headingId} data-testid={`discover-group-${cluster.number}`}>
      <h3 id={headingId} className="discover-card-title">
        {t('discover.group', { number: cluster.number })}
      </h3>
      <p className="discover-size">
        {t('discover.size', { count: cluster.size, formatted: format.number(cluster.size), share: format.percent(cluster.share) })}
      </p>
      <ul className="discover-traits" data-testid="discover-traits">
        {cluster.traits.length === 0 ? (
          <li>{t('discover.average')}</li>
        ) : (
          cluster.traits.map((trait) => <li key={trait.feature}>{traitText(trait)}</li>)
        )}
      </ul>
      {suggestion ? (
        <div className="discover-suggestion">
          <h4>{t('discover.approximately')}</h4>
          <ul className="discover-conditions">
            {conditions.map((condition) => (
              <li key={condition.field}>{conditionText(condition)}</li>
            ))}
          </ul>
          <p className="discover-fit">
            {t('discover.fit', {
              matched: format.number(suggestion.matched),
              precision: format.percent(suggestion.precision),
              recall: format.percent(suggestion.recall),
            })}
          </p>
          {saved ? (
            <p role="status" data-testid="discover-saved">
              {t('discover.saved')} <Link to={`/marketing/segments/${saved.id}`}>{t('discover.openSegment')}</Link>
            </p>
          ) : (
            <div className="discover-save">
              <label className="filter-field">
                <span>{t('discover.segmentName')}</span>
                <input value={name} maxLength={80} onChange={(event) => setName(event.target.value)} data-testid="discover-name" />
              </label>
              <button type="button" className="button" disabled={saving} onClick={() => void save()} data-testid="discover-save">
                {t('discover.save')}
              </button>
            </div>
          )}
          {error ? (
            <p className="dashboard-error" role="alert">
              {error}
            </p>
          ) : null}
        </div>
      ) : (
        <p className="discover-fit">{t('discover.noSuggestion')}</p>
      )}
    </section>
  );
}

/** A trait in words: days and purchases as numbers, percentiles and churn risk as percentages. */
function useTraitText(): (trait: DiscoverTrait) => string {
  const { t } = useTranslation('marketing-dashboard');
  const format = useFormatters();
  return (trait) => {
    const value = (v: number): string =>
      trait.feature === 'recency' || trait.feature === 'tenure'
        ? t('discover.days', { count: Math.round(v), formatted: format.number(Math.round(v)) })
        : trait.feature === 'frequency'
          ? format.number(Math.round(v * 10) / 10)
          : format.percent(v);
    return t(`discover.traits.${trait.feature}_${trait.direction}`, { cluster: value(trait.cluster), population: value(trait.population) });
  };
}

function useConditionText(): (condition: SegmentCondition) => string {
  const { t } = useTranslation('marketing-dashboard');
  const { t: tInsight } = useTranslation('insight');
  return (condition) => {
    const values = 'values' in condition ? condition.values : [];
    const labels = values.map((v) =>
      condition.field === 'rfmSegment'
        ? tInsight(`segments.${v as RfmSegment}`)
        : t(`discover.values.${condition.field}.${v}`, { defaultValue: v }),
    );
    return t('discover.condition', {
      field: t(`discover.fields.${condition.field}`, { defaultValue: condition.field }),
      values: labels.join(t('discover.orSeparator')),
    });
  };
}
