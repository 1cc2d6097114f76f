import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { productValuesSchema, type ProductRecord } from '../../../../shared/contract/sales/catalog-requests';
import { FieldShell } from '../../common/Field';
import { useToastStore } from '../../common/toast-store';
import { useSend } from '../use-request';

type Draft = { name: string; sku: string; family: string; unit: string; description: string; isActive: boolean };
type FieldName = 'name' | 'sku' | 'family' | 'unit' | 'description';

const draftOf = (product: ProductRecord | null): Draft => ({
  name: product?.name ?? '',
  sku: product?.sku ?? '',
  family: product?.family ?? '',
  unit: product?.unit ?? '',
  description: product?.description ?? '',
  isActive: product?.isActive ?? true,
});

/** Create (no product) or edit a product; the contract's own schema checks the values before sending. */
export function ProductForm({
  product,
  onDone,
}: {
  readonly product: ProductRecord | null;
  readonly onDone: (saved: ProductRecord | null) => void;
}) {
  const { t } = useTranslation('catalog');
  const send = useSend();
  const show = useToastStore((state) => state.show);
  const formId = useId();
  const [draft, setDraft] = useState<Draft>(() => draftOf(product));
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [saving, setSaving] = useState(false);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const parsed = productValuesSchema.safeParse({
      name: draft.name,
      sku: draft.sku,
      isActive: draft.isActive,
      ...(draft.family.trim() ? { family: draft.family.trim() } : {}),
      ...(draft.unit.trim() ? { unit: draft.unit.trim() } : {}),
      ...(draft.description.trim() ? { description: draft.description.trim() } : {}),
    });
    if (!parsed.success) {
      const next: Partial<Record<FieldName, string>> = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as FieldName;
        if (next[field]) continue;
        next[field] =
          issue.code === 'too_small'
            ? t('product.fieldRequired')
            : issue.code === 'too_big'
              ? t('product.tooLong')
              : field === 'sku'
                ? t('product.skuFormat')
                : issue.message;
      }
      setErrors(next);
      return;
    }
    setErrors({});
    setSaving(true);
    const saved = await send(
      'catalog.saveProduct',
      { ...(product ? { id: product.id, expectedRevision: product.revision } : {}), values: parsed.data },
      (message) => t('product.failed', { message }),
    );
    setSaving(false);
    if (!saved) return;
    show({ message: t('product.saved') });
    onDone(saved);
  };

  const text = (field: FieldName, label: string, options: { required?: boolean; maxLength: number }) => {
    const id = `${formId}-${field}`;
    const error = errors[field];
    return (
      <FieldShell id={id} label={label} error={error} required={options.required}>
        {field === 'description' ? (
          <textarea
            id={id}
            className="rec-input"
            rows={3}
            maxLength={options.maxLength}
            value={draft[field]}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(event) => setDraft((d) => ({ ...d, [field]: event.target.value }))}
          />
        ) : (
          <input
            id={id}
            className="rec-input"
            maxLength={options.maxLength}
            value={draft[field]}
            required={options.required}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(event) => setDraft((d) => ({ ...d, [field]: event.target.value }))}
            data-testid={`product-${field}`}
          />
        )}
      </FieldShell>
    );
  };

  return (
    <form className="sales-form catalog-form" onSubmit={(event) => void submit(event)} noValidate data-testid="product-form">
      <h2>{product ? t('product.editTitle') : t('product.newTitle')}</h2>
      {text('name', t('product.name'), { required: true, maxLength: 200 })}
      <div className="sales-row catalog-row">
        {text('sku', t('product.sku'), { required: true, maxLength: 64 })}
        {text('family', t('product.family'), { maxLength: 80 })}
        {text('unit', t('product.unit'), { maxLength: 20 })}
      </div>
      {text('description', t('product.description'), { maxLength: 20_000 })}
      <label className="catalog-check">
        <input type="checkbox" checked={draft.isActive} onChange={(event) => setDraft((d) => ({ ...d, isActive: event.target.checked }))} />
        {t('product.isActive')}
      </label>
      <div className="sales-actions">
        <button type="button" className="button button-secondary" onClick={() => onDone(null)}>
          {t('product.cancel')}
        </button>
        <button type="submit" className="button" disabled={saving} data-testid="save-product">
          {product ? t('product.save') : t('product.create')}
        </button>
      </div>
    </form>
  );
}
