import { z } from 'zod';
import { baseDocumentShape, epochMsSchema, idSchema, textSchema } from './primitives';

export const SURVEY_TYPES = ['csat', 'nps'] as const;

/** A customer's answer: CSAT scores 1..5, NPS scores 0..10 (promoters 9-10, detractors 0-6). */
export const surveyResponseSchema = z
  .object({
    ...baseDocumentShape,
    survey: z.enum(SURVEY_TYPES),
    score: z.int().min(0).max(10).multipleOf(1),
    accountId: idSchema,
    contactId: idSchema.optional(),
    caseId: idSchema.optional(),
    /** The visit (an activity) a CSAT was given after. */
    visitId: idSchema.optional(),
    respondedAt: epochMsSchema,
    comment: textSchema.optional(),
  })
  .refine((r) => r.survey !== 'csat' || (r.score >= 1 && r.score <= 5), { message: 'a CSAT score is between 1 and 5', path: ['score'] });
export type SurveyResponse = z.infer<typeof surveyResponseSchema>;

export const surveyIndexes = ['updatedAt', ['survey', 'respondedAt'], ['accountId', 'respondedAt'], ['caseId', 'respondedAt']] as const;
