import { useId, type ReactNode } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';

type FieldProps = {
  readonly label: string;
  /** Already translated; shown under the control and announced with it. */
  readonly error?: string;
  readonly required?: boolean;
  readonly className?: string;
  readonly registration: UseFormRegisterReturn;
};

type ShellProps = Omit<FieldProps, 'registration'> & {
  readonly id: string;
  readonly children: ReactNode;
};

/**
 * Label above, message below, the control wired to both through ids (screen readers read all three).
 * The control (children) must carry `id`, and `aria-describedby={`${id}-error`}` while there is an error.
 */
export function FieldShell({ id, label, error, required, className, children }: ShellProps) {
  return (
    <div className={`rec-field${error ? ' rec-field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id} className="rec-field-label">
        {label}
        {required ? (
          <span className="rec-field-required" aria-hidden="true">
            {' '}
            *
          </span>
        ) : null}
      </label>
      {children}
      {error ? (
        <p id={`${id}-error`} className="rec-field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function TextField({
  type = 'text',
  maxLength,
  inputMode,
  autoFocus,
  placeholder,
  ...field
}: FieldProps & {
  readonly type?: 'text' | 'email' | 'tel' | 'url' | 'datetime-local';
  readonly maxLength?: number;
  readonly inputMode?: 'decimal' | 'numeric' | 'text';
  readonly autoFocus?: boolean;
  readonly placeholder?: string;
}) {
  const id = useId();
  const { name, ref, onChange, onBlur } = field.registration;
  return (
    <FieldShell id={id} label={field.label} error={field.error} required={field.required} className={field.className}>
      <input
        id={id}
        className="rec-input"
        type={type}
        name={name}
        ref={ref}
        onChange={onChange}
        onBlur={onBlur}
        maxLength={maxLength}
        inputMode={inputMode}
        autoFocus={autoFocus}
        placeholder={placeholder}
        aria-invalid={field.error ? true : undefined}
        aria-required={field.required || undefined}
        aria-describedby={field.error ? `${id}-error` : undefined}
      />
    </FieldShell>
  );
}

export function TextAreaField({ rows = 3, maxLength, ...field }: FieldProps & { readonly rows?: number; readonly maxLength?: number }) {
  const id = useId();
  const { name, ref, onChange, onBlur } = field.registration;
  return (
    <FieldShell id={id} label={field.label} error={field.error} required={field.required} className={field.className}>
      <textarea
        id={id}
        className="rec-input rec-textarea"
        name={name}
        ref={ref}
        onChange={onChange}
        onBlur={onBlur}
        rows={rows}
        maxLength={maxLength}
        aria-invalid={field.error ? true : undefined}
        aria-describedby={field.error ? `${id}-error` : undefined}
      />
    </FieldShell>
  );
}

export function SelectField({
  options,
  ...field
}: FieldProps & { readonly options: ReadonlyArray<{ readonly value: string; readonly label: string }> }) {
  const id = useId();
  const { name, ref, onChange, onBlur } = field.registration;
  return (
    <FieldShell id={id} label={field.label} error={field.error} required={field.required} className={field.className}>
      <select
        id={id}
        className="rec-input select"
        name={name}
        ref={ref}
        onChange={onChange}
        onBlur={onBlur}
        aria-invalid={field.error ? true : undefined}
        aria-describedby={field.error ? `${id}-error` : undefined}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export function CheckboxField({ label, registration }: { readonly label: string; readonly registration: UseFormRegisterReturn }) {
  const id = useId();
  const { name, ref, onChange, onBlur } = registration;
  return (
    <div className="rec-field rec-field-check">
      <input id={id} type="checkbox" className="rec-checkbox" name={name} ref={ref} onChange={onChange} onBlur={onBlur} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}
