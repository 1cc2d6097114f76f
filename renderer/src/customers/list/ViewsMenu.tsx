import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Popover } from './Popover';
import type { StoredView } from './use-list-prefs';

type ViewsMenuProps = {
  readonly views: ReadonlyArray<StoredView>;
  readonly onApply: (view: StoredView) => void;
  readonly onSave: (name: string) => Promise<void>;
  readonly onDelete: (id: string) => Promise<void>;
};

/** Saved views: pick one to apply its filters, sort and columns; save the current one under a name; delete. */
export function ViewsMenu({ views, onApply, onSave, onDelete }: ViewsMenuProps) {
  const { t } = useTranslation('customers-list');
  const [name, setName] = useState('');
  return (
    <Popover label={t('toolbar.views')} testId="views-menu" align="end">
      {(close) => (
        <div className="menu" aria-label={t('views.menu')}>
          {views.length === 0 ? <p className="muted option-empty">{t('views.none')}</p> : null}
          <ul className="menu-list">
            {views.map((view) => (
              <li key={view.id} className="menu-item">
                <button
                  type="button"
                  className="menu-choice"
                  onClick={() => {
                    onApply(view);
                    close();
                  }}
                >
                  {view.name}
                </button>
                <button
                  type="button"
                  className="icon-button small"
                  aria-label={t('views.delete', { name: view.name })}
                  onClick={() => void onDelete(view.id)}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
          <form
            className="menu-form"
            onSubmit={(event) => {
              event.preventDefault();
              const trimmed = name.trim();
              if (!trimmed) return;
              void onSave(trimmed.slice(0, 80)).then(() => setName(''));
            }}
          >
            <label className="menu-label" htmlFor="save-view-name">
              {t('views.save')}
            </label>
            <div className="menu-form-row">
              <input
                id="save-view-name"
                className="input"
                value={name}
                maxLength={80}
                placeholder={t('views.namePrompt')}
                onChange={(event) => setName(event.target.value)}
              />
              <button type="submit" className="button" disabled={!name.trim()}>
                {t('views.saveButton')}
              </button>
            </div>
          </form>
        </div>
      )}
    </Popover>
  );
}
