import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

type PopoverProps = {
  /** The trigger button's content. */
  readonly label: ReactNode;
  /** Accessible name of the trigger when `label` is not plain text. */
  readonly ariaLabel?: string;
  readonly active?: boolean;
  readonly testId?: string;
  readonly align?: 'start' | 'end';
  readonly children: (close: () => void) => ReactNode;
};

/** A toolbar button with a panel under it; closes on Escape (focus back on the button) or a click outside. */
export function Popover({ label, ariaLabel, active, testId, align = 'start', children }: PopoverProps) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onDown = (event: MouseEvent): void => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  const close = (): void => setOpen(false);

  return (
    <div
      ref={rootRef}
      className="popover"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          setOpen(false);
          buttonRef.current?.focus();
        }
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        className={active ? 'toolbar-button active' : 'toolbar-button'}
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={ariaLabel}
        data-testid={testId}
        onClick={() => setOpen((value) => !value)}
      >
        {label}
        <svg className="chevron" viewBox="0 0 12 12" width="10" height="10" aria-hidden="true">
          <path d="M2.5 4.5 6 8l3.5-3.5" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      </button>
      {open ? (
        <div id={panelId} className={`popover-panel popover-${align}`}>
          {children(close)}
        </div>
      ) : null}
    </div>
  );
}
