import type { Activity } from '../../../../shared/schemas';

/** Stroke icons (24px grid) so each activity type is recognisable at a glance, in any language. */
const PATHS: Readonly<Record<Activity['type'], string>> = {
  call: 'M5 4h3l2 5-2.5 1.5a11 11 0 0 0 6 6L15 14l5 2v3a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2Z',
  visit: 'M12 21s-7-5.5-7-11a7 7 0 0 1 14 0c0 5.5-7 11-7 11Zm0-8.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5Z',
  note: 'M5 4h10l4 4v12H5V4Zm10 0v4h4M8 12h8M8 16h5',
  meeting: 'M4 6h16v14H4V6Zm0 4h16M8 3v5M16 3v5',
  task: 'M5 12l4 4 10-10',
};

/** Records that appear on a customer's timeline beside activities. */
const RECORD_PATHS = {
  deal: 'M4 8h16v11H4V8Zm5 0V5h6v3M4 13h16',
  quote: 'M6 3h9l3 3v15H6V3Zm3 7h6M9 14h6M9 18h3',
  case: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18Zm0 5v5m0 3v.5',
  email: 'M3 6h18v12H3V6Zm0 0 9 7 9-7',
} as const;

const ACTION_PATHS = {
  edit: 'M4 20h4L19 9l-4-4L4 16v4Zm9-13 4 4',
  delete: 'M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3',
} as const;

export function ActivityIcon({ type }: { readonly type: Activity['type'] }) {
  return <StrokeIcon d={PATHS[type]} />;
}

export function RecordIcon({ kind }: { readonly kind: keyof typeof RECORD_PATHS }) {
  return <StrokeIcon d={RECORD_PATHS[kind]} />;
}

export function ActionIcon({ action }: { readonly action: keyof typeof ACTION_PATHS }) {
  return <StrokeIcon d={ACTION_PATHS[action]} />;
}

function StrokeIcon({ d }: { readonly d: string }) {
  return (
    <svg
      viewBox="0 0 24 24"
      width="16"
      height="16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      <path d={d} />
    </svg>
  );
}
