import { useTranslation } from 'react-i18next';
import { Dialog } from '../common/Dialog';

/** One line of the help: the keys (each a <kbd>; alternatives separated by "or") and what they do. */
type Row = { readonly keys: ReadonlyArray<ReadonlyArray<string>>; readonly what: string };

/**
 * The keyboard shortcut help (`?`): every key the app answers to, by where it works. A modal
 * dialog, so focus stays inside it, Escape closes it and focus returns to where it was.
 */
export function ShortcutHelp({ mac, onClose }: { readonly mac: boolean; readonly onClose: () => void }) {
  const { t } = useTranslation();
  const command = mac ? '⌘' : 'Ctrl';
  const option = mac ? '⌥' : 'Alt';
  const groups: ReadonlyArray<{ readonly id: 'anywhere' | 'lists' | 'search' | 'board'; readonly rows: ReadonlyArray<Row> }> = [
    {
      id: 'anywhere',
      rows: [
        { keys: [['?']], what: t('shortcuts.help') },
        { keys: [[command, 'K']], what: t('shortcuts.search') },
        { keys: [[command, 'N']], what: t('shortcuts.newRecord') },
        { keys: [[option, 'N']], what: t('shortcuts.newRecordBrowser') },
        { keys: [['Esc']], what: t('shortcuts.escape') },
        { keys: [['Tab'], ['Shift', 'Tab']], what: t('shortcuts.tab') },
      ],
    },
    {
      id: 'lists',
      rows: [
        { keys: [['↑'], ['↓']], what: t('shortcuts.listMove') },
        { keys: [['PageUp'], ['PageDown']], what: t('shortcuts.listPage') },
        { keys: [['Home'], ['End']], what: t('shortcuts.listEnds') },
        { keys: [['Enter']], what: t('shortcuts.listOpen') },
      ],
    },
    {
      id: 'search',
      rows: [
        { keys: [['↑'], ['↓']], what: t('shortcuts.searchMove') },
        { keys: [['Enter']], what: t('shortcuts.searchOpen') },
        { keys: [['Esc']], what: t('shortcuts.searchClose') },
      ],
    },
    {
      id: 'board',
      rows: [
        { keys: [['Space']], what: t('shortcuts.boardPick') },
        { keys: [['←'], ['→']], what: t('shortcuts.boardMove') },
        { keys: [['Esc']], what: t('shortcuts.boardCancel') },
      ],
    },
  ];
  return (
    <Dialog title={t('shortcuts.title')} onClose={onClose} testId="shortcut-help" className="shortcut-help">
      <div className="shortcut-groups">
        {groups.map((group) => (
          <section key={group.id} className="shortcut-group" aria-labelledby={`shortcuts-${group.id}`}>
            <h3 id={`shortcuts-${group.id}`}>{t(`shortcuts.group.${group.id}`)}</h3>
            <dl>
              {group.rows.map((row) => (
                <div key={row.what} className="shortcut-row">
                  <dt>
                    {row.keys.map((combo, index) => (
                      <span key={combo.join('+')} className="shortcut-combo">
                        {index > 0 ? <span className="shortcut-or">{t('shortcuts.or')}</span> : null}
                        {combo.map((part) => (
                          <kbd key={part}>{part}</kbd>
                        ))}
                      </span>
                    ))}
                  </dt>
                  <dd>{row.what}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
      <p className="shortcut-note">{t('shortcuts.where')}</p>
      <div className="shortcut-actions">
        <button type="button" className="button" onClick={onClose} autoFocus>
          {t('shortcuts.close')}
        </button>
      </div>
    </Dialog>
  );
}
