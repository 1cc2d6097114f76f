import { z } from 'zod';
import { emailTemplateSchema, TEMPLATE_LANGUAGES, type EmailTemplate } from '../../schemas/marketing';
import { idSchema } from '../../schemas/primitives';
import { request } from '../define-request';
import { windowShape, type ListWindow, type Stored } from '../paging';

/** What the template editor sends; owner, team and timestamps are the core's. */
export const templateValuesSchema = emailTemplateSchema.pick({ name: true, language: true, format: true, subject: true, body: true });
export type TemplateValues = z.infer<typeof templateValuesSchema>;

export const templatesRequests = {
  /** Live. Newest first; archived templates only when asked. */
  'templates.list': request(
    z.strictObject({
      language: z.enum(TEMPLATE_LANGUAGES).optional(),
      includeArchived: z.boolean().default(false),
      ...windowShape,
    }),
  ).returns<ListWindow<EmailTemplate>>(),
  /** Live. */
  'templates.get': request(z.strictObject({ id: idSchema })).returns<Stored<EmailTemplate>>(),
  /** A template whose subject or body does not parse (unknown merge field, unclosed `{{`) is refused with the errors in words. */
  'templates.create': request(z.strictObject({ values: z.strictObject(templateValuesSchema.shape) })).returns<Stored<EmailTemplate>>(),
  'templates.update': request(
    z.strictObject({
      id: idSchema,
      patch: z.strictObject(templateValuesSchema.partial().shape),
      expectedRevision: z.string().min(1).max(100).optional(),
    }),
  ).returns<Stored<EmailTemplate>>(),
  'templates.archive': request(z.strictObject({ id: idSchema, archived: z.boolean() })).returns<Stored<EmailTemplate>>(),
} as const;
