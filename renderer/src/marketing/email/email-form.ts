import { z } from 'zod';
import type { EmailDraft } from '../../../../shared/contract/marketing/outbox-requests';
import { parseTemplate } from '../../../../shared/marketing/parse-template';
import type { RenderError } from '../../../../shared/marketing/render-template';
import { TEMPLATE_FORMATS, TEMPLATE_LANGUAGES } from '../../../../shared/schemas/marketing';

/**
 * What the template editor and the compose dialog edit. Messages are keys of the
 * `marketing-email` namespace; merge-field mistakes are found by `draftErrors` (the parser the
 * core uses), shown next to their field as the rep types.
 */
export const emailFormSchema = z.object({
  name: z.string().max(200, 'editor.tooLong'),
  language: z.enum(TEMPLATE_LANGUAGES),
  format: z.enum(TEMPLATE_FORMATS),
  subject: z.string().max(998, 'editor.tooLong'),
  body: z.string().max(100_000, 'editor.tooLong'),
});
export type EmailFormValues = z.infer<typeof emailFormSchema>;

/** A template needs a name; subject and body may be blank while it is a draft of a template. */
export const templateFormSchema = emailFormSchema.refine((values) => values.name.trim().length > 0, {
  message: 'editor.nameRequired',
  path: ['name'],
});

/** A message that goes out needs a subject and a body. */
export const composeFormSchema = emailFormSchema
  .refine((values) => values.subject.trim().length > 0, { message: 'compose.emptySubject', path: ['subject'] })
  .refine((values) => values.body.trim().length > 0, { message: 'compose.emptyBody', path: ['body'] });

/** Merge-field mistakes of the subject and the body, as the core would refuse them; a line break in a subject is its own mistake. */
export function draftErrors(values: Pick<EmailFormValues, 'subject' | 'body'>): { subject: RenderError[]; body: RenderError[] } {
  const found = { subject: [] as RenderError[], body: [] as RenderError[] };
  for (const part of ['subject', 'body'] as const) {
    const parsed = parseTemplate(values[part]);
    if (!parsed.ok) found[part] = parsed.errors.map((error) => ({ ...error, part }));
  }
  return found;
}

export function toDraft(values: EmailFormValues, templateId: string | undefined): EmailDraft {
  return {
    ...(templateId ? { templateId } : {}),
    language: values.language,
    format: values.format,
    subject: values.subject,
    body: values.body,
  };
}
