import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchHit } from '../../../../shared/contract';
import { useCrmClient } from '../../transport/client-context';

export type PickedContact = { readonly id: string; readonly name: string; readonly subtitle: string };

/** Who the preview is for: type part of a contact's name, pick from the full-text matches (arrows, Enter). */
export function ContactPicker({
  value,
  onChange,
}: {
  readonly value: PickedContact | null;
  readonly onChange: (value: PickedContact) => void;
}) {
  const { t } = useTranslation('marketing-email');
  const client = useCrmClient();
  const listId = useId();
  const inputId = useId();
  const [text, setText] = useState('');
  const [hits, setHits] = useState<ReadonlyArray<SearchHit>>([]);
  const [active, setActive] = useState(0);
  const [editing, setEditing] = useState(false);
  const query = text.trim();

  useEffect(() => {
    if (!query) return;
    let live = true;
    const timer = setTimeout(() => {
      void client.send('search.global', { text: query, types: ['contact'], limit: 8 }).then((result) => {
        if (live && result.ok) {
          setHits(result.value.hits);
          setActive(0);
        }
      });
    }, 120);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client, query]);

  if (value && !editing) {
    return (
      <div className="em-picked">
        <span className="em-picked-label">{t('preview.recipient')}</span>
        <strong data-testid="preview-recipient">{value.name}</strong>
        {value.subtitle ? <span className="em-muted"> · {value.subtitle}</span> : null}
        <button type="button" className="button rec-button-ghost em-small" onClick={() => setEditing(true)} data-testid="preview-change">
          {t('preview.change')}
        </button>
      </div>
    );
  }

  const shown = query ? hits : [];
  const choose = (hit: SearchHit): void => {
    onChange({ id: hit.id, name: hit.title, subtitle: hit.subtitle });
    setText('');
    setEditing(false);
  };
  return (
    <div className="em-picker">
      <label htmlFor={inputId} className="em-picked-label">
        {t('preview.recipient')}
      </label>
      <input
        id={inputId}
        className="rec-input"
        type="search"
        role="combobox"
        autoComplete="off"
        aria-expanded={shown.length > 0}
        aria-controls={listId}
        aria-activedescendant={shown[active] ? `${listId}-${active}` : undefined}
        placeholder={t('preview.recipientPlaceholder')}
        value={text}
        autoFocus={editing}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') setActive((index) => Math.min(index + 1, Math.max(shown.length - 1, 0)));
          else if (event.key === 'ArrowUp') setActive((index) => Math.max(index - 1, 0));
          else if (event.key === 'Enter' && shown[active]) choose(shown[active]);
          else if (event.key === 'Escape' && value) setEditing(false);
          else return;
          event.preventDefault();
          event.stopPropagation();
        }}
        data-testid="preview-search"
      />
      {shown.length > 0 ? (
        <ul id={listId} role="listbox" className="em-picker-results" aria-label={t('preview.recipient')}>
          {shown.map((hit, index) => (
            <li
              key={hit.id}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              className="em-picker-option"
              onMouseDown={(event) => {
                event.preventDefault();
                choose(hit);
              }}
            >
              <span>{hit.title}</span>
              {hit.subtitle ? <span className="em-muted"> · {hit.subtitle}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
