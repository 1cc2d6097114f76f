import { useTranslation } from 'react-i18next';
import { Popover } from './Popover';

type ColumnsMenuProps = {
  /** Every column, id and header, in definition order. */
  readonly all: ReadonlyArray<{ readonly id: string; readonly header: string }>;
  /** Visible columns in display order. */
  readonly visible: ReadonlyArray<string>;
  readonly defaults: ReadonlyArray<string>;
  readonly onChange: (visible: ReadonlyArray<string>) => void;
};

/** Show or hide columns and move them up or down; the first column (the record's name) always stays. */
export function ColumnsMenu({ all, visible, defaults, onChange }: ColumnsMenuProps) {
  const { t } = useTranslation('customers-list');
  const header = (id: string): string => all.find((column) => column.id === id)?.header ?? id;
  const hidden = all.filter((column) => !visible.includes(column.id));
  const move = (index: number, by: -1 | 1): void => {
    const next = [...visible];
    const [item] = next.splice(index, 1);
    if (item === undefined) return;
    next.splice(index + by, 0, item);
    onChange(next);
  };
  return (
    <Popover label={t('toolbar.columns')} testId="columns-menu" align="end">
      {() => (
        <div className="menu columns-menu" role="group" aria-label={t('columns.menu')}>
          <ul className="menu-list">
            {visible.map((id, index) => (
              <li key={id} className="menu-item">
                <label className="option">
                  <input type="checkbox" checked disabled={index === 0} onChange={() => onChange(visible.filter((item) => item !== id))} />
                  <span>{header(id)}</span>
                </label>
                <span className="move-buttons">
                  <button
                    type="button"
                    className="icon-button small"
                    disabled={index <= 1}
                    aria-label={t('columns.moveUp', { name: header(id) })}
                    onClick={() => move(index, -1)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="icon-button small"
                    disabled={index === 0 || index === visible.length - 1}
                    aria-label={t('columns.moveDown', { name: header(id) })}
                    onClick={() => move(index, 1)}
                  >
                    ↓
                  </button>
                </span>
              </li>
            ))}
            {hidden.map((column) => (
              <li key={column.id} className="menu-item">
                <label className="option">
                  <input type="checkbox" checked={false} onChange={() => onChange([...visible, column.id])} />
                  <span>{column.header}</span>
                </label>
              </li>
            ))}
          </ul>
          <button type="button" className="link-button" onClick={() => onChange(defaults)}>
            {t('columns.reset')}
          </button>
        </div>
      )}
    </Popover>
  );
}
