import { z } from 'zod';
import { idSchema, textSchema } from '../../schemas/primitives';
import type { SurveyResponse } from '../../schemas/surveys';
import { request } from '../define-request';
import type { Stored } from '../paging';

/** NPS = % promoters (9–10) − % detractors (0–6), always shown with the count it rests on. */
export type NpsFigure = {
  readonly score: number | null;
  readonly responses: number;
  readonly promoters: number;
  readonly passives: number;
  readonly detractors: number;
};
export type CsatFigure = {
  /** Mean score 1..5; null without responses. */
  readonly average: number | null;
  /** Share of 4s and 5s, 0..1; null without responses. */
  readonly satisfiedShare: number | null;
  readonly responses: number;
};

export const recordSurveyParamsSchema = z.discriminatedUnion('survey', [
  /** After a resolved case or a visit: one of caseId or visitId. */
  z
    .strictObject({
      survey: z.literal('csat'),
      score: z.int().min(1).max(5),
      accountId: idSchema,
      contactId: idSchema.optional(),
      caseId: idSchema.optional(),
      visitId: idSchema.optional(),
      comment: textSchema.optional(),
    })
    .refine((p) => p.caseId !== undefined || p.visitId !== undefined, { message: 'a CSAT belongs to a case or a visit', path: ['caseId'] }),
  /** "How likely are you to recommend us?" per contact. */
  z.strictObject({
    survey: z.literal('nps'),
    score: z.int().min(0).max(10),
    accountId: idSchema,
    contactId: idSchema,
    comment: textSchema.optional(),
  }),
]);
export type RecordSurveyParams = z.input<typeof recordSurveyParamsSchema>;

export const surveysRequests = {
  /** A CSAT needs a resolved or closed case (or a visit); a contact must belong to the account. */
  'surveys.record': request(recordSurveyParamsSchema).returns<Stored<SurveyResponse>>(),
  /** Last CSAT and NPS of one account (all time) with counts, for the account page and a visit. */
  'surveys.forAccount': request(z.strictObject({ accountId: idSchema })).returns<{
    readonly lastCsat: Stored<SurveyResponse> | null;
    readonly csat: CsatFigure;
    readonly nps: NpsFigure;
    readonly recent: ReadonlyArray<Stored<SurveyResponse>>;
  }>(),
} as const;
