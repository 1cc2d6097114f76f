import { describe, expect, it } from 'vitest';
import { campaignFormSchema, campaignToForm, emptyCampaignForm, formToPatch, formToValues } from './campaign-form-schema';

const filled = { ...emptyCampaignForm('2026-03-01', 'EUR'), name: ' Spring fair ', budget: '5,000.50', actualCost: '4000' };

describe('campaign form', () => {
  it('turns typed amounts into minor units and leaves empty optional fields out', () => {
    expect(campaignFormSchema.safeParse(filled).success).toBe(true);
    expect(formToValues(filled, 'seg-1')).toEqual({
      name: 'Spring fair',
      type: 'email',
      status: 'planned',
      startDate: '2026-03-01',
      endDate: '2026-03-01',
      currency: 'EUR',
      budget: 500_050,
      actualCost: 400_000,
      segmentId: 'seg-1',
    });
  });

  it('refuses an end before the start, a bad amount and a bad currency, each beside its field', () => {
    const result = campaignFormSchema.safeParse({ ...filled, endDate: '2026-02-01', budget: '-3', currency: 'euro' });
    expect(result.success).toBe(false);
    const issues = Object.fromEntries(result.error!.issues.map((i) => [i.path.join('.'), i.message]));
    expect(issues).toMatchObject({ currency: 'validation.currency' });
    const dates = campaignFormSchema.safeParse({ ...filled, endDate: '2026-02-01', budget: 'x' });
    const byField = Object.fromEntries(dates.error!.issues.map((i) => [i.path.join('.'), i.message]));
    expect(byField).toEqual({ endDate: 'validation.endBeforeStart', budget: 'validation.money' });
  });

  it('round-trips a stored campaign and clears emptied optional fields on edit', () => {
    const form = campaignToForm({
      id: 'c1',
      ownerId: 'u',
      teamId: 't',
      createdAt: 0,
      updatedAt: 0,
      kind: 'campaign',
      name: 'Fair',
      type: 'event',
      status: 'active',
      startDate: '2026-03-01',
      endDate: '2026-03-02',
      currency: 'JPY',
      budget: 120_000,
      actualCost: 0,
      expectedRevenue: 500_000,
      description: 'Hall 3',
    });
    expect(form).toMatchObject({ budget: '120000', actualCost: '0', expectedRevenue: '500000' });
    expect(formToPatch({ ...form, expectedRevenue: '', description: ' ' }, 'JPY')).toMatchObject({
      patch: { budget: 120_000, actualCost: 0 },
      unset: ['expectedRevenue', 'description'],
    });
  });
});
