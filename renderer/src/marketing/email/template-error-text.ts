import type { TFunction } from 'i18next';
import type { RenderError } from '../../../../shared/marketing/render-template';

/**
 * A template mistake in the user's language: where it is (subject or body, line, column) and what
 * is wrong, with the known field an unknown name most resembles. The parser's own `message` is
 * English for logs and is not shown.
 */
export function templateErrorText(t: TFunction<'marketing-email'>, error: RenderError): string {
  if (error.code === 'invalid_unsubscribe_url') return t('templateErrors.invalid_unsubscribe_url');
  // The braces are values, not text of the sentence: i18next reads `{{` in a sentence as a placeholder.
  const braces = { open: '{{', close: '}}' };
  const problem =
    error.code === 'unknown_field'
      ? error.suggestion
        ? t('templateErrors.unknownWithSuggestion', { field: error.field ?? '', suggestion: error.suggestion })
        : t('templateErrors.unknown_field', { field: error.field ?? '' })
      : error.code === 'unclosed_field'
        ? t('templateErrors.unclosed_field', braces)
        : t('templateErrors.empty_field', braces);
  return t('templateErrors.at', {
    part: t(`templateErrors.${error.part}`),
    line: error.line,
    column: error.column,
    problem,
  });
}
