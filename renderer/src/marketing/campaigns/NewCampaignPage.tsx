import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { LoadingState } from '../../common/StateViews';
import { showToast } from '../../common/toast-store';
import { useLiveQuery } from '../../data/use-live-query';
import { localIsoDate } from '../../sales/use-request';
import { useCrmClient } from '../../transport/client-context';
import { CampaignForm } from './CampaignForm';
import { campaignPath } from './campaign-columns';
import { emptyCampaignForm, formToValues, type CampaignFormValues } from './campaign-form-schema';

/**
 * A new campaign. `?segmentId=<id>` (from a segment's "Create campaign") names the segment: once the
 * campaign is created, everyone the segment holds is added as a member.
 */
export function NewCampaignPage() {
  const { t } = useTranslation('marketing-campaigns');
  const client = useCrmClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const segmentId = params.get('segmentId') ?? undefined;
  // The newest campaign's currency is the likeliest for the next one.
  const latest = useLiveQuery('campaigns.list', { limit: 1 }, 'campaign-new-currency');
  const segment = useLiveQuery('segments.get', { id: segmentId ?? '-' }, `campaign-new-segment:${segmentId ?? ''}`);
  if (latest.status === 'loading') return <LoadingState label={t('detail.loading')} />;
  const currency = latest.status === 'ready' ? (latest.result.rows[0]?.currency ?? 'USD') : 'USD';
  const segmentName = segmentId !== undefined && segment.status === 'ready' ? segment.result.name : null;

  const create = async (values: CampaignFormValues): Promise<string | null> => {
    const answer = await client.send('campaigns.create', { values: formToValues(values, segmentId) });
    if (!answer.ok) return t('form.failed', { reason: answer.error.message });
    const created = answer.value;
    if (segmentId !== undefined) {
      const added = await client.send('campaigns.addMembers', { campaignId: created.id, segmentId });
      if (added.ok) showToast({ message: t('form.createdWithMembers', { name: created.name, count: added.value.added }) });
      else showToast({ tone: 'error', message: t('form.membersFailed', { reason: added.error.message }) });
    } else showToast({ message: t('form.created', { name: created.name }) });
    void navigate(campaignPath(created.id), { replace: true });
    return null;
  };

  return (
    <div className="rec-scope campaign-page" data-testid="campaign-new-page">
      <Link to="/marketing/campaigns" className="back-link">
        ← {t('detail.back')}
      </Link>
      <section className="rec-card campaign-new" aria-labelledby="campaign-new-title">
        <h2 id="campaign-new-title" className="campaign-title">
          {t('form.newTitle')}
        </h2>
        <CampaignForm
          initial={emptyCampaignForm(localIsoDate(), currency)}
          currencyEditable
          submitLabel={t('form.create')}
          note={segmentName ? t('form.segmentNote', { name: segmentName }) : undefined}
          onSubmit={create}
          onCancel={() => void navigate('/marketing/campaigns')}
        />
      </section>
    </div>
  );
}
