import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { SegmentTarget } from '../../../../shared/marketing/segment-conditions';
import { ConditionRow, type ConditionOptions } from './ConditionRow';
import { newCondition, newGroup, SEGMENT_MAX_DEPTH, type DraftGroup, type DraftItem } from './segment-draft';

type GroupEditorProps = {
  readonly group: DraftGroup;
  readonly depth: number;
  readonly target: SegmentTarget;
  readonly options: ConditionOptions;
  /** Number of each condition in reading order (labels say "Condition 3"). */
  readonly numbers: ReadonlyMap<string, number>;
  readonly canAdd: boolean;
  readonly path: string;
  readonly onChange: (next: DraftGroup) => void;
  readonly onRemove?: () => void;
};

/** An and/or group: its operator, its conditions and nested groups, and buttons to add more. */
export function GroupEditor({ group, depth, target, options, numbers, canAdd, path, onChange, onRemove }: GroupEditorProps) {
  const { t } = useTranslation('marketing-segments');
  const id = useId();
  const replace = (key: string, next: DraftItem | null) =>
    onChange({ ...group, items: group.items.flatMap((item) => (item.key === key ? (next ? [next] : []) : [item])) });
  const label = depth === 1 ? t('builder.rootLabel') : t('builder.groupLabel', { path });

  return (
    <section className={depth === 1 ? 'seg-group seg-group-root' : 'seg-group'} aria-label={label} data-testid="segment-group">
      <div className="seg-group-head">
        <label htmlFor={`${id}-op`} className="seg-group-label">
          {t('builder.match')}
        </label>
        <select
          id={`${id}-op`}
          className="rec-input select seg-group-op"
          value={group.op}
          onChange={(event) => onChange({ ...group, op: event.target.value as 'and' | 'or' })}
          data-testid="segment-group-op"
        >
          <option value="and">{t('builder.and')}</option>
          <option value="or">{t('builder.or')}</option>
        </select>
        {onRemove ? (
          <button type="button" className="button rec-button-ghost rec-button-small seg-group-remove" onClick={onRemove}>
            {t('builder.removeGroup')}
          </button>
        ) : null}
      </div>
      {group.items.length === 0 ? <p className="seg-hint">{group.op === 'and' ? t('builder.emptyAnd') : t('builder.emptyOr')}</p> : null}
      <ol className="seg-items">
        {group.items.map((item, i) =>
          item.kind === 'group' ? (
            <li key={item.key} className="seg-nested">
              <GroupEditor
                group={item}
                depth={depth + 1}
                target={target}
                options={options}
                numbers={numbers}
                canAdd={canAdd}
                path={depth === 1 ? String(i + 1) : `${path}.${i + 1}`}
                onChange={(next) => replace(item.key, next)}
                onRemove={() => replace(item.key, null)}
              />
            </li>
          ) : (
            <ConditionRow
              key={item.key}
              condition={item}
              number={numbers.get(item.key) ?? 0}
              target={target}
              options={options}
              onChange={(next) => replace(item.key, next)}
              onRemove={() => replace(item.key, null)}
            />
          ),
        )}
      </ol>
      <div className="seg-group-actions">
        <button
          type="button"
          className="button rec-button-ghost rec-button-small"
          disabled={!canAdd}
          onClick={() => onChange({ ...group, items: [...group.items, newCondition(target === 'leads' ? 'status' : 'industry')] })}
          data-testid="segment-add-condition"
        >
          + {t('builder.addCondition')}
        </button>
        {depth < SEGMENT_MAX_DEPTH ? (
          <button
            type="button"
            className="button rec-button-ghost rec-button-small"
            disabled={!canAdd}
            onClick={() => onChange({ ...group, items: [...group.items, newGroup(group.op === 'and' ? 'or' : 'and')] })}
            data-testid="segment-add-group"
          >
            + {t('builder.addGroup')}
          </button>
        ) : null}
      </div>
    </section>
  );
}
