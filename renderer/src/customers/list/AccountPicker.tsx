import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchHit } from '../../../../shared/contract';
import { useCrmClient } from '../../transport/client-context';

type AccountPickerProps = {
  readonly value: { readonly id: string; readonly name: string } | null;
  readonly onChange: (value: { readonly id: string; readonly name: string } | null) => void;
};

/** "Filter by account": type part of a name, pick from the full-text matches; a chip once chosen. */
export function AccountPicker({ value, onChange }: AccountPickerProps) {
  const { t } = useTranslation('customers-list');
  const client = useCrmClient();
  const listId = useId();
  const [text, setText] = useState('');
  const [hits, setHits] = useState<ReadonlyArray<SearchHit>>([]);
  const [active, setActive] = useState(0);
  const query = text.trim();

  useEffect(() => {
    if (!query) return;
    let live = true;
    const timer = setTimeout(() => {
      void client.send('search.global', { text: query, types: ['account'], limit: 8 }).then((result) => {
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

  if (value) {
    return (
      <span className="toolbar-button active chip" data-testid="account-filter-chip">
        {t('filters.account')}: {value.name}
        <button
          type="button"
          className="chip-clear"
          aria-label={t('filters.clearOne', { name: t('filters.account') })}
          onClick={() => onChange(null)}
        >
          ×
        </button>
      </span>
    );
  }
  const shown = query ? hits : [];
  const choose = (hit: SearchHit): void => {
    onChange({ id: hit.id, name: hit.title });
    setText('');
  };
  return (
    <div className="account-picker">
      <input
        className="input"
        type="search"
        role="combobox"
        aria-label={t('filters.account')}
        aria-expanded={shown.length > 0}
        aria-controls={listId}
        aria-activedescendant={shown[active] ? `${listId}-${active}` : undefined}
        placeholder={t('filters.accountPlaceholder')}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') setActive((index) => Math.min(index + 1, Math.max(shown.length - 1, 0)));
          else if (event.key === 'ArrowUp') setActive((index) => Math.max(index - 1, 0));
          else if (event.key === 'Enter' && shown[active]) choose(shown[active]);
          else if (event.key === 'Escape') setText('');
          else return;
          event.preventDefault();
        }}
      />
      {shown.length > 0 ? (
        <ul id={listId} role="listbox" className="popover-panel popover-start picker-results">
          {shown.map((hit, index) => (
            <li
              key={hit.id}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              className="picker-option"
              onMouseDown={(event) => {
                event.preventDefault();
                choose(hit);
              }}
            >
              <span>{hit.title}</span>
              {hit.subtitle ? <span className="muted"> · {hit.subtitle}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
