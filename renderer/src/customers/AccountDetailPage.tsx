import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { MAX_WINDOW, type ContactRecord } from '../../../shared/contract';
import { ErrorState, LoadingState } from '../common/StateViews';
import { useCrmClient } from '../transport/client-context';
import { AccountDetails } from './detail/AccountDetails';
import { AccountHeader } from './detail/AccountHeader';
import { ContactsPanel } from './detail/ContactsPanel';
import { DealsPanel } from './detail/DealsPanel';
import { DeleteAccountDialog } from './detail/DeleteAccountDialog';
import { KeyFigures } from './detail/KeyFigures';
import { deleteAccountWithUndo } from './detail/record-actions';
import { Timeline } from './detail/Timeline';
import { useLiveQuery } from '../data/use-live-query';
import { AccountServicePanel } from '../service/cases/AccountServicePanel';
import { AccountInsightPanel } from '../insight/AccountInsightPanel';
import { MergedNotice, MergedRedirect, mergedInto } from './duplicates/MergedRedirect';
import './detail/record.css';

const TIMELINE_PAGE = 20;
const OPEN_PAGE = 4;
const CONTACTS_PAGE = 50;

/**
 * One account as a rep sees it before a visit: key figures, deals, people, and what happened lately.
 * Every panel is a live query, so an edit in another window or a sync pull shows without reload.
 */
export function AccountDetailPage() {
  const { t } = useTranslation('customers-record');
  const client = useCrmClient();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const [historyLimit, setHistoryLimit] = useState(TIMELINE_PAGE);
  const [openLimit, setOpenLimit] = useState(OPEN_PAGE);
  const [contactLimit, setContactLimit] = useState(CONTACTS_PAGE);
  const [confirmDelete, setConfirmDelete] = useState(false);

  const loaded = useLiveQuery('accounts.get', { id }, `account:${id}`);
  const contacts = useLiveQuery(
    'contacts.list',
    { filter: { accountId: [id] }, sort: { field: 'lastName', direction: 'asc' }, limit: contactLimit },
    `contacts:${id}:${contactLimit}`,
  );
  const open = useLiveQuery('activities.list', { filter: { accountId: id, done: false }, limit: openLimit }, `open:${id}:${openLimit}`);
  const history = useLiveQuery('accounts.timeline', { id, limit: historyLimit }, `history:${id}:${historyLimit}`);
  const contactRows = (contacts.status === 'ready' ? contacts.result.rows : []) as ReadonlyArray<ContactRecord>;

  if (loaded.status === 'loading') return <LoadingState />;
  if (loaded.status === 'error') {
    const survivorId = mergedInto(loaded.error);
    if (survivorId) return <MergedRedirect entity="account" fromId={id} survivorId={survivorId} />;
    return (
      <div className="rec-scope rec-record-page">
        <Link to="/customers/accounts" className="back-link">
          ← {t('account.back')}
        </Link>
        <ErrorState title={loaded.error.code === 'not_found' ? t('account.notFound') : t('errors.loadFailed')} error={loaded.error} />
      </div>
    );
  }
  const account = loaded.result;

  return (
    <article className="rec-scope rec-record-page" data-testid="account-detail">
      <Link to="/customers/accounts" className="back-link">
        ← {t('account.back')}
      </Link>
      <MergedNotice entity="account" />
      <AccountHeader account={account} onDelete={() => setConfirmDelete(true)} />
      <KeyFigures accountId={account.id} />
      <div className="rec-account-columns">
        <Timeline
          accountId={account.id}
          open={open}
          history={history}
          contacts={contactRows}
          onMoreOpen={() => setOpenLimit((limit) => limit + TIMELINE_PAGE)}
          onMoreHistory={() => setHistoryLimit((limit) => limit + TIMELINE_PAGE)}
        />
        <div className="rec-account-side">
          <AccountInsightPanel accountId={account.id} />
          <AccountServicePanel accountId={account.id} />
          <DealsPanel accountId={account.id} emptyBody={t('deals.emptyAccount')} />
          <ContactsPanel
            account={account}
            contacts={contacts}
            onMore={
              contactLimit < MAX_WINDOW ? () => setContactLimit((limit) => Math.min(limit + CONTACTS_PAGE * 4, MAX_WINDOW)) : undefined
            }
          />
          <AccountDetails account={account} />
        </div>
      </div>
      {confirmDelete ? (
        <DeleteAccountDialog
          name={account.name}
          contactCount={contacts.status === 'ready' ? contacts.result.total : 0}
          onClose={() => setConfirmDelete(false)}
          onConfirm={(choice) => {
            setConfirmDelete(false);
            void deleteAccountWithUndo(client, t, account, choice).then((deleted) => {
              if (deleted) navigate('/customers/accounts');
            });
          }}
        />
      ) : null}
    </article>
  );
}
