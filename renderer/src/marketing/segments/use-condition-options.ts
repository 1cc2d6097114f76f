import { useEffect, useMemo, useState } from 'react';
import { useLiveQuery } from '../../data/use-live-query';
import { useCrmClient } from '../../transport/client-context';
import type { ConditionOptions } from './ConditionRow';

const PRODUCT_QUERY = { filter: { active: 'all' as const }, limit: 500 };

/** Choices for the pickers: industries in use, the catalogue's products, the campaigns. */
export function useConditionOptions(): ConditionOptions & {
  readonly productNames: ReadonlyMap<string, string>;
  readonly campaignNames: ReadonlyMap<string, string>;
} {
  const client = useCrmClient();
  const [industries, setIndustries] = useState<ReadonlyArray<string>>([]);
  useEffect(() => {
    let current = true;
    void client.send('accounts.filterOptions', {}).then((answer) => {
      if (current && answer.ok) setIndustries(answer.value.industries);
    });
    return () => {
      current = false;
    };
  }, [client]);
  const products = useLiveQuery('catalog.products', PRODUCT_QUERY, 'segment-products');
  const campaigns = useLiveQuery('campaigns.options', {}, 'segment-campaigns');
  return useMemo(() => {
    const productList = products.status === 'ready' ? products.result.rows.map((p) => ({ id: p.id, label: `${p.name} (${p.sku})` })) : [];
    const campaignList = campaigns.status === 'ready' ? campaigns.result.map((c) => ({ id: c.id, label: c.name })) : [];
    return {
      industries,
      products: productList,
      campaigns: campaignList,
      productNames: new Map(productList.map((p) => [p.id, p.label])),
      campaignNames: new Map(campaignList.map((c) => [c.id, c.label])),
    };
  }, [industries, products, campaigns]);
}
