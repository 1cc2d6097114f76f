import { useId, useRef, type ReactNode } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { useWatch, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { MergeFieldName } from '../../../../shared/marketing/merge-fields';
import type { RenderError } from '../../../../shared/marketing/render-template';
import { TEMPLATE_FORMATS, TEMPLATE_LANGUAGES } from '../../../../shared/schemas/marketing';
import { SelectField } from '../../common/Field';
import { draftErrors, type EmailFormValues } from './email-form';
import { MergeFieldInserter } from './MergeFieldInserter';
import { templateErrorText } from './template-error-text';

type Props = {
  readonly form: UseFormReturn<EmailFormValues>;
  /** Show merge-field mistakes of untouched fields too (after a send or save was tried). */
  readonly showAllErrors: boolean;
  /** Fields before the language and format (the template's name, the template to start from). */
  readonly leading?: ReactNode;
};

/**
 * Language, format, subject and body of an e-mail, with the merge-field inserter. Mistakes in the
 * merge fields are found as the rep types (the core's parser) and shown in words under their
 * field once the rep has left it, or at once after a save or send was tried.
 */
export function DraftFields({ form, showAllErrors, leading }: Props) {
  const { t } = useTranslation('marketing-email');
  const id = useId();
  const { register, setValue, formState, control } = form;
  const [subject, body] = useWatch({ control, name: ['subject', 'body'] });
  const mistakes = draftErrors({ subject, body });
  const subjectRef = useRef<HTMLInputElement | null>(null);
  const bodyRef = useRef<HTMLTextAreaElement | null>(null);
  // The field the inserter writes into: the last of subject and body that had focus.
  const lastFocused = useRef<'subject' | 'body'>('body');

  const insert = (name: MergeFieldName): void => {
    const part = lastFocused.current;
    const element = part === 'subject' ? subjectRef.current : bodyRef.current;
    if (!element) return;
    const text = `{{${name}}}`;
    const start = element.selectionStart ?? element.value.length;
    const end = element.selectionEnd ?? start;
    const next = element.value.slice(0, start) + text + element.value.slice(end);
    setValue(part, next, { shouldDirty: true, shouldTouch: true, shouldValidate: formState.isSubmitted });
    element.focus();
    // After React wrote the new value: the cursor goes right after the inserted field.
    requestAnimationFrame(() => element.setSelectionRange(start + text.length, start + text.length));
  };

  const shown = (part: 'subject' | 'body'): RenderError[] =>
    showAllErrors || formState.touchedFields[part] || formState.isSubmitted ? mistakes[part] : [];
  const schemaError = (part: 'subject' | 'body'): string | undefined => {
    const message = formState.errors[part]?.message;
    return message ? t(message as 'editor.tooLong') : undefined;
  };
  const subjectLineBreak = /[\r\n]/.test(subject);

  const errorList = (part: 'subject' | 'body', extra: ReadonlyArray<string>): ReactNode => {
    const lines = [...extra, ...shown(part).map((error) => templateErrorText(t, error))];
    if (lines.length === 0) return null;
    return (
      <ul id={`${id}-${part}-error`} className="em-errors" role="alert" data-testid={`${part}-errors`}>
        {lines.map((line, index) => (
          <li key={index}>{line}</li>
        ))}
      </ul>
    );
  };
  const subjectExtra = [schemaError('subject'), subjectLineBreak ? t('templateErrors.subjectLineBreak') : undefined].filter(
    (line): line is string => line !== undefined,
  );
  const bodyExtra = [schemaError('body')].filter((line): line is string => line !== undefined);
  const subjectInvalid = subjectExtra.length > 0 || shown('subject').length > 0;
  const bodyInvalid = bodyExtra.length > 0 || shown('body').length > 0;

  return (
    <div className="em-draft">
      {leading ? <div className="em-row">{leading}</div> : null}
      <div className="em-row">
        <SelectField
          label={t('editor.language')}
          className="em-field-narrow"
          registration={register('language')}
          options={TEMPLATE_LANGUAGES.map((value) => ({ value, label: t(`languages.${value}`) }))}
        />
        <SelectField
          label={t('editor.format')}
          className="em-field-narrow"
          registration={register('format')}
          options={TEMPLATE_FORMATS.map((value) => ({ value, label: t(`formats.${value}`) }))}
        />
      </div>
      <div className={`rec-field${subjectInvalid ? ' rec-field-invalid' : ''}`}>
        <label htmlFor={`${id}-subject`} className="rec-field-label">
          {t('editor.subject')}
        </label>
        <RegisteredControl
          kind="input"
          id={`${id}-subject`}
          registration={register('subject')}
          elementRef={(element) => {
            subjectRef.current = element as HTMLInputElement | null;
          }}
          onFocus={() => {
            lastFocused.current = 'subject';
          }}
          maxLength={998}
          invalid={subjectInvalid}
          describedBy={subjectInvalid ? `${id}-subject-error` : undefined}
          testId="draft-subject"
        />
        {errorList('subject', subjectExtra)}
      </div>
      <MergeFieldInserter onInsert={insert} />
      <div className={`rec-field em-body-field${bodyInvalid ? ' rec-field-invalid' : ''}`}>
        <label htmlFor={`${id}-body`} className="rec-field-label">
          {t('editor.body')}
        </label>
        <RegisteredControl
          kind="textarea"
          id={`${id}-body`}
          registration={register('body')}
          elementRef={(element) => {
            bodyRef.current = element as HTMLTextAreaElement | null;
          }}
          onFocus={() => {
            lastFocused.current = 'body';
          }}
          maxLength={100_000}
          invalid={bodyInvalid}
          describedBy={bodyInvalid ? `${id}-body-error` : undefined}
          testId="draft-body"
        />
        {errorList('body', bodyExtra)}
      </div>
    </div>
  );
}

type ControlProps = {
  readonly kind: 'input' | 'textarea';
  readonly id: string;
  readonly registration: UseFormRegisterReturn;
  /** The element, for the merge-field inserter (it writes at the cursor). */
  readonly elementRef: (element: HTMLInputElement | HTMLTextAreaElement | null) => void;
  readonly onFocus: () => void;
  readonly maxLength: number;
  readonly invalid: boolean;
  readonly describedBy: string | undefined;
  readonly testId: string;
};

/** A subject input or a body textarea wired to the form and to the inserter. */
function RegisteredControl({ kind, id, registration, elementRef, onFocus, maxLength, invalid, describedBy, testId }: ControlProps) {
  const { name, ref, onChange, onBlur } = registration;
  const setRef = (element: HTMLInputElement | HTMLTextAreaElement | null): void => {
    ref(element);
    elementRef(element);
  };
  if (kind === 'input') {
    return (
      <input
        id={id}
        className="rec-input"
        name={name}
        ref={setRef}
        onChange={onChange}
        onBlur={onBlur}
        onFocus={onFocus}
        maxLength={maxLength}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        data-testid={testId}
      />
    );
  }
  return (
    <textarea
      id={id}
      className="rec-input rec-textarea em-body"
      name={name}
      ref={setRef}
      onChange={onChange}
      onBlur={onBlur}
      onFocus={onFocus}
      rows={10}
      maxLength={maxLength}
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy}
      data-testid={testId}
    />
  );
}
