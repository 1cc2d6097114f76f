import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MERGE_FIELD_NAMES, MERGE_FIELDS, type MergeFieldName, type MergeFieldSource } from '../../../../shared/marketing/merge-fields';

const SOURCES: ReadonlyArray<MergeFieldSource> = ['contact', 'account', 'rep', 'message'];

/**
 * "Insert merge field": a button that opens the field list, grouped by where the value comes from.
 * Choosing a field calls `onInsert` (the editor puts `{{name}}` where its cursor was) and closes the
 * list; Escape closes it and returns focus to the button.
 */
export function MergeFieldInserter({ onInsert }: { readonly onInsert: (name: MergeFieldName) => void }) {
  const { t } = useTranslation('marketing-email');
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const hintId = useId();
  const toggleRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (open) panelRef.current?.querySelector('button')?.focus();
  }, [open]);

  const close = (): void => {
    setOpen(false);
    toggleRef.current?.focus();
  };

  return (
    <div className="em-inserter">
      <button
        ref={toggleRef}
        type="button"
        className="button rec-button-ghost em-inserter-toggle"
        aria-expanded={open}
        aria-controls={panelId}
        aria-describedby={hintId}
        onClick={() => setOpen((value) => !value)}
        data-testid="merge-field-toggle"
      >
        {t('inserter.button')} <span aria-hidden="true">▾</span>
      </button>
      <span id={hintId} className="em-hint">
        {t('inserter.hint')}
      </span>
      {open ? (
        <div
          ref={panelRef}
          id={panelId}
          className="em-inserter-panel"
          role="group"
          aria-label={t('inserter.button')}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.preventDefault();
              event.stopPropagation();
              close();
            }
          }}
          onBlur={(event) => {
            if (!event.currentTarget.contains(event.relatedTarget as Node | null) && event.relatedTarget !== toggleRef.current)
              setOpen(false);
          }}
        >
          {SOURCES.map((source) => (
            <div key={source} className="em-inserter-group">
              {MERGE_FIELD_NAMES.filter((name) => MERGE_FIELDS[name].source === source).map((name) => (
                <button
                  key={name}
                  type="button"
                  className="em-inserter-option"
                  onClick={() => {
                    setOpen(false);
                    onInsert(name);
                  }}
                  data-testid={`insert-${name}`}
                >
                  <span>{t(`fields.${name}`)}</span>
                  <code className="em-field-code">{`{{${name}}}`}</code>
                </button>
              ))}
            </div>
          ))}
        </div>
      ) : null}
    </div>
  );
}
