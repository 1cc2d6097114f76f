import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpportunityRecord } from '../../../../shared/contract/sales/opportunities-requests';
import { lineItemTotal, sumLineItems } from '../../../../shared/schemas';
import { useFormatters } from '../../i18n/use-formatters';
import { useRequest, useSend } from '../use-request';
import { PercentInput } from './PercentInput';

type DraftLine = {
  readonly key: string;
  readonly productId: string;
  readonly name: string;
  readonly quantity: number;
  readonly unitPrice: number;
  readonly discountPercent: number;
};

let nextKey = 0;

/** Products from the catalogue at their price-book price in the deal's currency; the amount follows the lines. */
export function LineItemsEditor({ opp, onChanged }: { readonly opp: OpportunityRecord; readonly onChanged: () => void }) {
  const { t } = useTranslation('sales');
  const format = useFormatters();
  const send = useSend();
  const catalog = useRequest('catalog.priced', { currency: opp.currency }, opp.currency);
  const [lines, setLines] = useState<DraftLine[]>(() =>
    opp.lineItems.map((l) => ({
      key: l.id,
      productId: l.productId,
      name: l.productName ?? l.productId,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      discountPercent: l.discountPercent,
    })),
  );
  const money = (minor: number) => format.money(minor, opp.currency);
  const update = (key: string, change: Partial<DraftLine>) => setLines((all) => all.map((l) => (l.key === key ? { ...l, ...change } : l)));
  const products = catalog.status === 'ready' ? catalog.value : [];

  return (
    <section aria-labelledby="lines-title">
      <h2 id="lines-title">{t('lines.title')}</h2>
      {lines.length === 0 ? <p className="deal-date">{t('lines.empty')}</p> : null}
      <table className="line-table" data-testid="line-items">
        <thead>
          <tr>
            <th>{t('lines.product')}</th>
            <th className="num">{t('lines.quantity')}</th>
            <th className="num">{t('lines.unitPrice')}</th>
            <th className="num">{t('lines.discount')}</th>
            <th className="num">{t('lines.total')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <tr key={line.key}>
              <td>{line.name}</td>
              <td className="num">
                <input
                  className="rec-input"
                  type="number"
                  min={0}
                  step="any"
                  aria-label={`${t('lines.quantity')} ${line.name}`}
                  value={line.quantity}
                  onChange={(e) => update(line.key, { quantity: Math.max(0, Number(e.target.value)) })}
                />
              </td>
              <td className="num">{money(line.unitPrice)}</td>
              <td className="num">
                <PercentInput
                  label={`${t('lines.discount')} ${line.name}`}
                  value={line.discountPercent}
                  onChange={(value) => update(line.key, { discountPercent: Math.min(100, Math.max(0, Number(value))) })}
                />
              </td>
              <td className="num">{money(lineItemTotal(line))}</td>
              <td>
                <button
                  type="button"
                  className="link-button"
                  aria-label={t('lines.remove', { name: line.name })}
                  onClick={() => setLines((all) => all.filter((l) => l.key !== line.key))}
                >
                  ✕
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="sales-actions">
        <select
          className="rec-input select"
          aria-label={t('lines.add')}
          data-testid="product-picker"
          value=""
          onChange={(e) => {
            const product = products.find((p) => p.id === e.target.value);
            if (product)
              setLines((all) => [
                ...all,
                {
                  key: `new-${nextKey++}`,
                  productId: product.id,
                  name: product.name,
                  quantity: 1,
                  unitPrice: product.unitPrice,
                  discountPercent: 0,
                },
              ]);
          }}
        >
          <option value="">{t('lines.pick')}</option>
          {products.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} · {money(p.unitPrice)}
            </option>
          ))}
        </select>
        <strong data-testid="lines-amount">{t('lines.amount', { amount: money(sumLineItems(lines)) })}</strong>
        <button
          type="button"
          className="button"
          onClick={async () => {
            const payload = lines.map((l) => ({
              productId: l.productId,
              quantity: l.quantity,
              discountPercent: l.discountPercent,
              unitPrice: l.unitPrice,
            }));
            if (await send('opportunities.update', { id: opp.id, patch: { lines: payload } }, (message) => t('common.failed', { message })))
              onChanged();
          }}
        >
          {t('lines.save')}
        </button>
      </div>
    </section>
  );
}
