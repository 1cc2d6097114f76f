/** A number input for a percentage (0 to 100, any step); reports the raw text so callers parse it their way. */
export function PercentInput({
  value,
  onChange,
  label,
}: {
  readonly value: number | string;
  readonly onChange: (value: string) => void;
  /** The accessible name, for an input without a visible label of its own. */
  readonly label?: string;
}) {
  return (
    <input
      className="rec-input"
      type="number"
      min={0}
      max={100}
      step="any"
      aria-label={label}
      value={value}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}
