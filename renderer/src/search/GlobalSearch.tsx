import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { CrmError, SearchHit } from '../../../shared/contract';
import { useUiStore } from '../state/ui-store';
import { useCrmClient } from '../transport/client-context';
import { hitPath } from './hit-path';

type Answer = { readonly text: string; readonly hits: ReadonlyArray<SearchHit> } | { readonly text: string; readonly error: CrmError };

const isMac = typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform);

/**
 * Header search: results as you type (search.global over the core's full-text index), arrow keys
 * to move, Enter to open, Escape to close. Ctrl/Cmd+K focuses it from anywhere.
 */
export function GlobalSearch() {
  const { t } = useTranslation();
  const client = useCrmClient();
  const navigate = useNavigate();
  const inputRef = useRef<HTMLInputElement>(null);
  const listId = useId();
  const [text, setText] = useState('');
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const focusRequest = useUiStore((state) => state.searchFocusRequest);
  const requestFocus = useUiStore((state) => state.requestSearchFocus);

  useEffect(() => {
    if (focusRequest > 0) inputRef.current?.select();
  }, [focusRequest]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        requestFocus();
      }
    };
    window.addEventListener('keydown', onKey);
    const stopMenu = client.subscribe('ui.command', ({ command }) => {
      if (command === 'focus-search') requestFocus();
    });
    return () => {
      window.removeEventListener('keydown', onKey);
      stopMenu();
    };
  }, [client, requestFocus]);

  const query = text.trim();
  useEffect(() => {
    if (!query) return;
    let current = true;
    // A search costs a few milliseconds in the core, so results follow every keystroke; the short
    // delay only coalesces auto-repeat and paste, and stale answers are dropped (`current`).
    const timer = setTimeout(() => {
      void client.send('search.global', { text: query, limit: 12 }).then((result) => {
        if (!current) return;
        setAnswer(result.ok ? { text: query, hits: result.value.hits } : { text: query, error: result.error });
        setActive(0);
      });
    }, 25);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [client, query]);

  const fresh = answer && answer.text === query ? answer : null;
  const hits = fresh && 'hits' in fresh ? fresh.hits : [];
  const showList = open && query.length > 0;

  const choose = (hit: SearchHit): void => {
    setOpen(false);
    navigate(hitPath(hit));
  };

  return (
    <div className="global-search" role="search">
      <label htmlFor={`${listId}-input`} className="visually-hidden">
        {t('search.label')}
      </label>
      <input
        ref={inputRef}
        id={`${listId}-input`}
        data-testid="global-search"
        className="search-input"
        type="search"
        role="combobox"
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showList && hits[active] ? `${listId}-${active}` : undefined}
        autoComplete="off"
        spellCheck={false}
        placeholder={t('search.placeholder')}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') setActive((index) => Math.min(index + 1, Math.max(hits.length - 1, 0)));
          else if (event.key === 'ArrowUp') setActive((index) => Math.max(index - 1, 0));
          else if (event.key === 'Enter' && hits[active]) choose(hits[active]);
          else if (event.key === 'Escape') setOpen(false);
          else return;
          event.preventDefault();
        }}
      />
      <kbd className="search-shortcut" aria-hidden="true">
        {isMac ? t('search.shortcutMac') : t('search.shortcut')}
      </kbd>
      {showList ? (
        <ul id={listId} role="listbox" aria-label={t('search.results')} className="search-results">
          {!fresh ? <li className="search-note">{t('search.searching')}</li> : null}
          {fresh && 'error' in fresh ? <li className="search-note">{t(`errors.${fresh.error.code}`)}</li> : null}
          {fresh && 'hits' in fresh && hits.length === 0 ? <li className="search-note">{t('search.noResults', { text: query })}</li> : null}
          {hits.map((hit, index) => (
            <li
              key={`${hit.type}:${hit.id}`}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              className="search-hit"
              // mousedown, not click: the input's blur would close the list before a click lands.
              onMouseDown={(event) => {
                event.preventDefault();
                choose(hit);
              }}
            >
              <span className={`hit-type hit-${hit.type}`}>{t(`search.type.${hit.type}`)}</span>
              <span className="hit-title">{hit.title}</span>
              {hit.subtitle ? <span className="hit-subtitle">{hit.subtitle}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
