import { z } from 'zod';
import type { CampaignPatch, CampaignValues } from '../../../../shared/contract/marketing/campaigns-requests';
import { CAMPAIGN_STATUSES, CAMPAIGN_TYPES, type Campaign } from '../../../../shared/schemas/marketing';
import { isoDateSchema } from '../../../../shared/schemas/primitives';
import { moneyText, parseMoney } from '../../sales/catalog/money-input';

export const CAMPAIGN_NAME_MAX = 200;
export const CAMPAIGN_DESCRIPTION_MAX = 20_000;

/**
 * What the campaign form holds: text as typed (amounts in major units, "1250.00"). Messages are
 * i18n keys of the `marketing-campaigns` namespace; the core checks the same rules again.
 */
export const campaignFormSchema = z
  .object({
    name: z.string().trim().min(1, 'validation.required').max(CAMPAIGN_NAME_MAX, 'validation.tooLong'),
    type: z.enum(CAMPAIGN_TYPES),
    status: z.enum(CAMPAIGN_STATUSES),
    startDate: isoDateSchema.or(z.literal('')).refine((v) => v !== '', 'validation.date'),
    endDate: isoDateSchema.or(z.literal('')).refine((v) => v !== '', 'validation.date'),
    currency: z
      .string()
      .trim()
      .transform((v) => v.toUpperCase())
      .pipe(z.string().regex(/^[A-Z]{3}$/, 'validation.currency')),
    budget: z.string(),
    actualCost: z.string(),
    expectedRevenue: z.string(),
    description: z.string().max(CAMPAIGN_DESCRIPTION_MAX, 'validation.tooLong'),
  })
  .superRefine((v, ctx) => {
    if (v.startDate !== '' && v.endDate !== '' && v.endDate < v.startDate) {
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'validation.endBeforeStart' });
    }
    // Amounts are read in the currency's minor units: without a valid currency only its own message shows.
    if (!/^[A-Z]{3}$/.test(v.currency)) return;
    for (const field of ['budget', 'actualCost', 'expectedRevenue'] as const) {
      const text = v[field].trim();
      if (field === 'expectedRevenue' && text === '') continue;
      if (parseMoney(text === '' ? '0' : text, v.currency) === null)
        ctx.addIssue({ code: 'custom', path: [field], message: 'validation.money' });
    }
  });

export type CampaignFormValues = z.input<typeof campaignFormSchema>;

export function emptyCampaignForm(today: string, currency: string): CampaignFormValues {
  return {
    name: '',
    type: 'email',
    status: 'planned',
    startDate: today,
    endDate: today,
    currency,
    budget: '',
    actualCost: '',
    expectedRevenue: '',
    description: '',
  };
}

export function campaignToForm(c: Campaign): CampaignFormValues {
  return {
    name: c.name,
    type: c.type,
    status: c.status,
    startDate: c.startDate,
    endDate: c.endDate,
    currency: c.currency,
    budget: moneyText(c.budget, c.currency),
    actualCost: moneyText(c.actualCost, c.currency),
    expectedRevenue: c.expectedRevenue === undefined ? '' : moneyText(c.expectedRevenue, c.currency),
    description: c.description ?? '',
  };
}

const money = (text: string, currency: string): number => parseMoney(text.trim() === '' ? '0' : text, currency) ?? 0;

/** The values a create request sends (the form has been validated). */
export function formToValues(v: CampaignFormValues, segmentId: string | undefined): CampaignValues {
  const currency = v.currency.trim().toUpperCase();
  const description = v.description.trim();
  return {
    name: v.name.trim(),
    type: v.type,
    status: v.status,
    startDate: v.startDate,
    endDate: v.endDate,
    currency,
    budget: money(v.budget, currency),
    actualCost: money(v.actualCost, currency),
    ...(v.expectedRevenue.trim() !== '' ? { expectedRevenue: money(v.expectedRevenue, currency) } : {}),
    ...(description !== '' ? { description } : {}),
    ...(segmentId !== undefined ? { segmentId } : {}),
  };
}

/** An update: every editable field, and the optional ones emptied in the form cleared. */
export function formToPatch(
  v: CampaignFormValues,
  currency: string,
): { patch: CampaignPatch; unset: Array<'expectedRevenue' | 'description'> } {
  const description = v.description.trim();
  const unset: Array<'expectedRevenue' | 'description'> = [];
  if (v.expectedRevenue.trim() === '') unset.push('expectedRevenue');
  if (description === '') unset.push('description');
  return {
    patch: {
      name: v.name.trim(),
      type: v.type,
      status: v.status,
      startDate: v.startDate,
      endDate: v.endDate,
      budget: money(v.budget, currency),
      actualCost: money(v.actualCost, currency),
      ...(v.expectedRevenue.trim() !== '' ? { expectedRevenue: money(v.expectedRevenue, currency) } : {}),
      ...(description !== '' ? { description } : {}),
    },
    unset,
  };
}
