import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { CampaignDetail } from '../../../../shared/contract/marketing/campaigns-requests';
import { Dialog } from '../../common/Dialog';
import { ErrorState, LoadingState } from '../../common/StateViews';
import { showToast } from '../../common/toast-store';
import { useLiveQuery } from '../../data/use-live-query';
import { useFormatters } from '../../i18n/use-formatters';
import { useCrmClient } from '../../transport/client-context';
import { ComposeDialog } from '../email/ComposeDialog';
import { AddMembersDialog } from './AddMembersDialog';
import { CampaignFiguresPanel } from './CampaignFiguresPanel';
import { CampaignForm } from './CampaignForm';
import { CampaignMembers } from './CampaignMembers';
import { campaignToForm, formToPatch } from './campaign-form-schema';
import { NewCampaignPage } from './NewCampaignPage';
import '../../customers/detail/record.css';
import './campaigns.css';

/** `/marketing/campaigns/new` creates one; any other id shows that campaign, live. */
export function CampaignPage() {
  const { id = '' } = useParams();
  if (id === 'new') return <NewCampaignPage />;
  return <CampaignLoader id={id} />;
}

function CampaignLoader({ id }: { readonly id: string }) {
  const { t } = useTranslation('marketing-campaigns');
  const live = useLiveQuery('campaigns.get', { id }, `campaign:${id}`);
  if (live.status === 'loading') return <LoadingState label={t('detail.loading')} />;
  if (live.status === 'error') {
    return (
      <div className="rec-scope campaign-page">
        <Link to="/marketing/campaigns" className="back-link">
          ← {t('detail.back')}
        </Link>
        <ErrorState title={live.error.code === 'not_found' ? t('detail.notFound') : t('detail.loadFailed')} error={live.error} />
      </div>
    );
  }
  return <CampaignView detail={live.result} />;
}

type Open = 'edit' | 'add' | 'email' | null;

function CampaignView({ detail }: { readonly detail: CampaignDetail }) {
  const { t } = useTranslation('marketing-campaigns');
  const { t: tm } = useTranslation('marketing');
  const format = useFormatters();
  const client = useCrmClient();
  const [open, setOpen] = useState<Open>(null);

  const save = async (values: Parameters<typeof formToPatch>[0]): Promise<string | null> => {
    const { patch, unset } = formToPatch(values, detail.currency);
    const answer = await client.send('campaigns.update', { id: detail.id, patch, unset, expectedRevision: detail.revision });
    if (!answer.ok) return answer.error.code === 'conflict' ? t('form.conflict') : t('form.failed', { reason: answer.error.message });
    showToast({ message: t('form.saved') });
    setOpen(null);
    return null;
  };

  return (
    <article className="rec-scope campaign-page" data-testid="campaign-page">
      <Link to="/marketing/campaigns" className="back-link">
        ← {t('detail.back')}
      </Link>
      <header className="rec-card campaign-header">
        <div className="campaign-heading">
          <h2 className="campaign-title" data-testid="campaign-title">
            {detail.name}
          </h2>
          <div className="campaign-badges">
            <span className="badge rec-badge-outline">{tm(`campaignType.${detail.type}`)}</span>
            <span className={`badge campaign-status campaign-status-${detail.status}`} data-testid="campaign-status">
              {tm(`campaignStatus.${detail.status}`)}
            </span>
          </div>
          <p className="campaign-who">
            {t('detail.dates', { start: format.day(detail.startDate), end: format.day(detail.endDate) })}
            {' · '}
            {t('detail.owner', { name: detail.ownerName })}
            {detail.segmentName ? ` · ${t('detail.segment', { name: detail.segmentName })}` : null}
          </p>
          <p className={detail.description ? 'campaign-description' : 'campaign-description campaign-muted'}>
            {detail.description ?? t('detail.noDescription')}
          </p>
        </div>
        <div className="campaign-actions">
          <button type="button" className="button rec-button-ghost" onClick={() => setOpen('edit')} data-testid="campaign-edit">
            {t('detail.edit')}
          </button>
          <button type="button" className="button rec-button-ghost" onClick={() => setOpen('add')} data-testid="campaign-add-members">
            {t('members.add')}
          </button>
          <button type="button" className="button" onClick={() => setOpen('email')} data-testid="campaign-send-email">
            {t('detail.sendEmail')}
          </button>
        </div>
      </header>
      <CampaignFiguresPanel detail={detail} />
      <CampaignMembers detail={detail} onAdd={() => setOpen('add')} />
      {open === 'edit' ? (
        <Dialog title={t('form.editTitle')} onClose={() => setOpen(null)} testId="campaign-edit-dialog" className="campaign-dialog">
          <CampaignForm
            initial={campaignToForm(detail)}
            currencyEditable={false}
            submitLabel={t('form.save')}
            onSubmit={save}
            onCancel={() => setOpen(null)}
          />
        </Dialog>
      ) : null}
      {open === 'add' ? <AddMembersDialog campaign={detail} onClose={() => setOpen(null)} /> : null}
      {open === 'email' ? <ComposeDialog campaignId={detail.id} onClose={() => setOpen(null)} /> : null}
    </article>
  );
}
