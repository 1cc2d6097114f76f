import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { SegmentRow } from '../../../../shared/contract/marketing/segments-requests';
import { SEGMENT_TARGETS, segmentDefinitionSchema, type SegmentTarget } from '../../../../shared/marketing/segment-conditions';
import { Dialog } from '../../common/Dialog';
import { ErrorState, LoadingState } from '../../common/StateViews';
import { useToastStore } from '../../common/toast-store';
import { downloadText } from '../../customers/list/csv';
import { useLiveQuery } from '../../data/use-live-query';
import { useCrmClient } from '../../transport/client-context';
import { GroupEditor } from './GroupEditor';
import { SegmentSidePanel } from './SegmentSidePanel';
import { countConditions, definitionOf, draftOf, keepApplicable, newGroup, SEGMENT_MAX_CONDITIONS, type DraftGroup } from './segment-draft';
import { useConditionOptions } from './use-condition-options';
import '../../customers/detail/record.css';
import './segments.css';

/** `/marketing/segments/:id`, or `new`: the builder with a live count and a preview. */
export function SegmentPage() {
  const { id = 'new' } = useParams();
  if (id === 'new') return <SegmentBuilder key="new" segment={null} />;
  return <LoadedSegment id={id} key={id} />;
}

function LoadedSegment({ id }: { readonly id: string }) {
  const { t } = useTranslation('marketing-segments');
  const loaded = useLiveQuery('segments.get', { id }, `segment:${id}`);
  if (loaded.status === 'loading') return <LoadingState />;
  if (loaded.status === 'error') {
    return (
      <div className="rec-scope seg-page">
        <Link to="/marketing/segments" className="back-link">
          ← {t('builder.back')}
        </Link>
        <ErrorState title={loaded.error.code === 'not_found' ? t('builder.notFound') : t('builder.loadFailed')} error={loaded.error} />
      </div>
    );
  }
  // The builder keeps its own working copy: later pushes (sizes moving) do not disturb an edit.
  return <SegmentBuilder segment={loaded.result} />;
}

type Saved = { readonly id: string; readonly revision: string; readonly snapshot: string };

/**
 * Name, target and the condition tree on the left; the live count, a preview and the actions on the
 * right. The count follows every change (debounced); conditions still missing a value are left out
 * and said so. Saving sends the revision the builder started from, so another rep's change is never
 * overwritten unseen.
 */
function SegmentBuilder({ segment }: { readonly segment: SegmentRow | null }) {
  const { t } = useTranslation('marketing-segments');
  const client = useCrmClient();
  const navigate = useNavigate();
  const show = useToastStore((state) => state.show);
  const id = useId();
  const parsed = useMemo(() => (segment ? segmentDefinitionSchema.safeParse(segment.definition) : null), [segment]);
  const readable = parsed === null || parsed.success;
  const [name, setName] = useState(segment?.name ?? '');
  const [description, setDescription] = useState(segment?.description ?? '');
  const [target, setTarget] = useState<SegmentTarget>(segment?.definition.target ?? 'accounts');
  const [root, setRoot] = useState<DraftGroup>(() => (parsed?.success ? draftOf(parsed.data.root) : newGroup('and')));
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [exporting, setExporting] = useState(false);
  const options = useConditionOptions();

  const { definition, incomplete } = useMemo(() => definitionOf(target, root), [target, root]);
  const snapshotOf = (values: { name: string; description: string; definition: unknown }) => JSON.stringify(values);
  const [saved, setSaved] = useState<Saved | null>(() =>
    segment
      ? {
          id: segment.id,
          revision: segment.revision,
          snapshot: snapshotOf({ name: segment.name, description: segment.description ?? '', definition }),
        }
      : null,
  );
  const dirty = snapshotOf({ name: name.trim(), description: description.trim(), definition }) !== saved?.snapshot;
  const conditions = countConditions(root);
  const numbers = useMemo(() => {
    const map = new Map<string, number>();
    const visit = (group: DraftGroup): void =>
      group.items.forEach((item) => (item.kind === 'group' ? visit(item) : map.set(item.key, map.size + 1)));
    visit(root);
    return map;
  }, [root]);

  const changeTarget = (next: SegmentTarget): void => {
    const kept = keepApplicable(root, next);
    setTarget(next);
    setRoot(kept.group);
    setNotice(kept.removed > 0 ? t('builder.targetChanged', { target: t(`target.${next}`) }) : null);
  };

  const save = async (): Promise<void> => {
    setTried(true);
    setFailure(null);
    if (!name.trim() || incomplete > 0 || !readable) return;
    setSaving(true);
    const values = { name: name.trim(), description: description.trim(), definition };
    const answer = saved
      ? await client.send('segments.update', { id: saved.id, patch: values, expectedRevision: saved.revision })
      : await client.send('segments.create', { values });
    setSaving(false);
    if (!answer.ok) {
      setFailure(answer.error.code === 'conflict' ? t('builder.conflict') : t('builder.saveFailed', { message: answer.error.message }));
      return;
    }
    setSaved({ id: answer.value.id, revision: answer.value.revision, snapshot: snapshotOf(values) });
    setTried(false);
    show({ message: t('builder.saved'), tone: 'info' });
    if (!saved) void navigate(`/marketing/segments/${encodeURIComponent(answer.value.id)}`, { replace: true });
  };

  const remove = async (): Promise<void> => {
    if (!saved) return;
    const answer = await client.send('segments.delete', { id: saved.id });
    setConfirmDelete(false);
    if (!answer.ok) {
      setFailure(t('builder.deleteFailed', { message: answer.error.message }));
      return;
    }
    show({ message: t('builder.deleted'), tone: 'info' });
    void navigate('/marketing/segments');
  };

  const exportCsv = async (): Promise<void> => {
    setExporting(true);
    setFailure(null);
    const answer = await client.send('segments.exportCsv', { source: saved && !dirty ? { id: saved.id } : { definition } });
    setExporting(false);
    if (!answer.ok) {
      setFailure(t('builder.exportFailed', { message: answer.error.message }));
      return;
    }
    downloadText(answer.value.fileName, answer.value.csv);
    show({ message: t('builder.exported', { count: answer.value.rows }), tone: 'info' });
  };

  const nameMissing = tried && !name.trim();
  return (
    <div className="rec-scope seg-page seg-builder-page">
      <Link to="/marketing/segments" className="back-link">
        ← {t('builder.back')}
      </Link>
      <form
        className="seg-builder"
        aria-labelledby={`${id}-heading`}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
        data-testid="segment-builder"
      >
        <div className="seg-main">
          <div className="seg-head">
            <h2 id={`${id}-heading`} className="seg-heading">
              {saved ? t('builder.editTitle') : t('builder.newTitle')}
            </h2>
            {dirty && saved ? <span className="seg-chip">{t('builder.unsaved')}</span> : null}
          </div>
          <div className="seg-fields">
            <div className="rec-field seg-field-name">
              <label htmlFor={`${id}-name`} className="rec-field-label">
                {t('builder.name')}
              </label>
              <input
                id={`${id}-name`}
                className="rec-input"
                value={name}
                maxLength={200}
                required
                aria-invalid={nameMissing}
                aria-describedby={nameMissing ? `${id}-name-error` : undefined}
                onChange={(event) => setName(event.target.value)}
                data-testid="segment-name"
              />
              {nameMissing ? (
                <span id={`${id}-name-error`} className="rec-field-error">
                  {t('builder.nameRequired')}
                </span>
              ) : null}
            </div>
            <div className="rec-field">
              <label htmlFor={`${id}-target`} className="rec-field-label">
                {t('builder.target')}
              </label>
              <select
                id={`${id}-target`}
                className="rec-input select"
                value={target}
                disabled={!readable}
                onChange={(event) => changeTarget(event.target.value as SegmentTarget)}
                data-testid="segment-target"
              >
                {SEGMENT_TARGETS.map((value) => (
                  <option key={value} value={value}>
                    {t(`target.${value}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="rec-field seg-field-notes">
              <label htmlFor={`${id}-description`} className="rec-field-label">
                {t('builder.description')}
              </label>
              <input
                id={`${id}-description`}
                className="rec-input"
                value={description}
                maxLength={2000}
                onChange={(event) => setDescription(event.target.value)}
                data-testid="segment-description"
              />
            </div>
          </div>
          {notice ? (
            <p className="seg-notice" role="status">
              {notice}
            </p>
          ) : null}
          <h3 className="seg-subheading">{t('builder.conditions')}</h3>
          {readable ? (
            <GroupEditor
              group={root}
              depth={1}
              target={target}
              options={options}
              numbers={numbers}
              canAdd={conditions < SEGMENT_MAX_CONDITIONS}
              path=""
              onChange={setRoot}
            />
          ) : (
            <p className="seg-error-text">{t('builder.newVersion')}</p>
          )}
          {conditions >= SEGMENT_MAX_CONDITIONS ? (
            <p className="seg-hint">{t('builder.maxConditions', { count: SEGMENT_MAX_CONDITIONS })}</p>
          ) : null}
        </div>
        <SegmentSidePanel
          definition={definition}
          incomplete={incomplete}
          names={{ products: options.productNames, campaigns: options.campaignNames }}
          failure={failure ?? (tried && incomplete > 0 ? t('builder.finishIncomplete') : null)}
          saving={saving}
          savedId={saved?.id ?? null}
          exporting={exporting}
          onExport={() => void exportCsv()}
          onDelete={() => setConfirmDelete(true)}
          onCreateCampaign={() => saved && void navigate(`/marketing/campaigns/new?segmentId=${encodeURIComponent(saved.id)}`)}
        />
      </form>
      {confirmDelete ? (
        <Dialog title={t('builder.deleteTitle')} onClose={() => setConfirmDelete(false)} testId="segment-delete-dialog">
          <p className="rec-dialog-body">{t('builder.deleteBody', { name: name.trim() || segment?.name || '' })}</p>
          <footer className="rec-form-actions">
            <button type="button" className="button rec-button-ghost" onClick={() => setConfirmDelete(false)}>
              {t('builder.cancel')}
            </button>
            <button type="button" className="button rec-button-danger" onClick={() => void remove()} data-testid="segment-delete-confirm">
              {t('builder.deleteConfirm')}
            </button>
          </footer>
        </Dialog>
      ) : null}
    </div>
  );
}
