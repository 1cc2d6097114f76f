import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useForm, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { AccountRecord, CrmError } from '../../../../shared/contract';
import { FormFooter } from '../../common/FormFooter';
import { ErrorState, LoadingState } from '../../common/StateViews';
import { showToast } from '../../common/toast-store';
import { useCrmClient } from '../../transport/client-context';
import {
  accountChanges,
  accountFormSchema,
  accountToForm,
  formToValues,
  NEW_ACCOUNT,
  type AccountFormInput,
  type AccountFormOutput,
} from './account-form-schema';
import { AccountFields } from './AccountFields';
import { draftKey } from './draft-logic';
import { FormBanners } from './FormBanners';
import { resetKeepingEdits } from './reset-keeping-edits';
import { useFormDraft } from './use-form-draft';
import { AccountDuplicateCheck } from '../duplicates/FormDuplicateCheck';
import '../detail/record.css';

const resolver = zodResolver(accountFormSchema) as Resolver<AccountFormInput, unknown, AccountFormOutput>;

type Loaded = { readonly record: AccountRecord | null } | { readonly error: CrmError };

/** `#/customers/accounts/new` and `#/customers/accounts/:id/edit`. */
export function AccountFormPage() {
  const { t } = useTranslation('customers-record');
  const client = useCrmClient();
  const navigate = useNavigate();
  const { id } = useParams();
  const editing = id !== undefined;
  const [loaded, setLoaded] = useState<Loaded | null>(editing ? null : { record: null });
  const [conflict, setConflict] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const form = useForm<AccountFormInput, unknown, AccountFormOutput>({ resolver, defaultValues: NEW_ACCOUNT, mode: 'onTouched' });
  const { register, handleSubmit, formState, reset } = form;

  const record = loaded && 'record' in loaded ? loaded.record : null;
  const baseline = useMemo(
    () => (loaded && 'record' in loaded ? (loaded.record ? accountToForm(loaded.record) : NEW_ACCOUNT) : null),
    [loaded],
  );
  const draft = useFormDraft(form, draftKey('accounts', id ?? null), baseline);

  useEffect(() => {
    if (!editing) return;
    let current = true;
    void client.send('accounts.get', { id }).then((result) => {
      if (!current) return;
      setLoaded(result.ok ? { record: result.value } : { error: result.error });
      if (result.ok) reset(accountToForm(result.value));
    });
    return () => {
      current = false;
    };
  }, [client, editing, id, reset]);

  // Conflict: take the latest record as the new baseline, then put the user's edits back on top.
  const reload = useCallback(async () => {
    if (!id) return;
    const result = await client.send('accounts.get', { id });
    if (!result.ok) return setSaveError(t(`errors.saveFailed`, { reason: result.error.message }));
    setLoaded({ record: result.value });
    resetKeepingEdits(form, accountToForm(result.value), formState.dirtyFields);
    setConflict(false);
    showToast({ message: t('conflict.reloaded') });
  }, [client, id, form, formState.dirtyFields, t]);

  const submit = handleSubmit(async (output) => {
    setSaveError(null);
    const values = formToValues(output);
    if (record) {
      const { patch, unset } = accountChanges(record, values);
      const result = await client.send('accounts.update', { id: record.id, patch, unset, expectedRevision: record.revision });
      if (!result.ok) {
        if (result.error.code === 'conflict') setConflict(true);
        else setSaveError(t('errors.saveFailed', { reason: result.error.message }));
        return;
      }
      await draft.clear();
      showToast({ message: t('account.saved') });
      navigate(`/customers/accounts/${encodeURIComponent(record.id)}`);
    } else {
      const result = await client.send('accounts.create', { values });
      if (!result.ok) return setSaveError(t('errors.saveFailed', { reason: result.error.message }));
      await draft.clear();
      showToast({ message: t('account.created', { name: result.value.name }) });
      navigate(`/customers/accounts/${encodeURIComponent(result.value.id)}`, { replace: true });
    }
  });

  const cancel = async (): Promise<void> => {
    await draft.clear();
    navigate(record ? `/customers/accounts/${encodeURIComponent(record.id)}` : '/customers/accounts');
  };

  if (!loaded) return <LoadingState />;
  if ('error' in loaded) return <ErrorState title={t('errors.loadFailed')} error={loaded.error} />;
  const title = record ? t('account.editTitle', { name: record.name }) : t('account.newTitle');

  return (
    <article className="rec-scope rec-record-page">
      <Link to={record ? `/customers/accounts/${encodeURIComponent(record.id)}` : '/customers/accounts'} className="back-link">
        ← {record ? t('account.backToAccount', { name: record.name }) : t('account.back')}
      </Link>
      <form
        className="rec-record-form rec-card"
        onSubmit={(event) => void submit(event)}
        noValidate
        aria-labelledby="account-form-title"
        data-testid="account-form"
      >
        <header className="rec-form-header">
          <h2 id="account-form-title" className="rec-form-title">
            {title}
          </h2>
          <p className="rec-form-hint">{t('draft.unsavedHint')}</p>
        </header>
        <FormBanners draft={draft} conflict={conflict} onReload={() => void reload()} saveError={saveError} />
        <AccountFields
          register={register}
          errors={formState.errors}
          afterBasics={record ? null : <AccountDuplicateCheck control={form.control} />}
        />
        <FormFooter submitting={formState.isSubmitting} onCancel={() => void cancel()} />
      </form>
    </article>
  );
}
