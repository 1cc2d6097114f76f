import { useEffect, useState } from 'react';
import type { CrmError } from '../../../../shared/contract';
import type { DuplicateCandidateRow, DuplicateEntity, DuplicateProbe } from '../../../../shared/contract/customers/duplicates-requests';
import { useCrmClient } from '../../transport/client-context';

/** Long enough that typing a name does not ask the core on every key, short enough to warn before Save. */
export const CHECK_DELAY_MS = 350;

export type DuplicateCheckState =
  | { readonly status: 'idle' }
  | { readonly status: 'checking' }
  | { readonly status: 'ready'; readonly candidates: ReadonlyArray<DuplicateCandidateRow> }
  | { readonly status: 'error'; readonly error: CrmError };

type ProbeInput = { readonly [K in keyof DuplicateProbe]?: string | undefined };

const LIMITS: Readonly<Record<keyof DuplicateProbe, number>> = {
  name: 200,
  email: 254,
  phone: 40,
  website: 2000,
  country: 80,
  city: 80,
  accountId: 200,
};

/**
 * What the form holds, as the contract's probe: blanks dropped, values cut to the contract's
 * lengths (the form itself reports a too-long value; the check should still run on the rest).
 * Null without a name: the core matches on a name and a lone e-mail is checked once one is typed.
 */
export function toProbe(input: ProbeInput): DuplicateProbe | null {
  const probe: Record<string, string> = {};
  for (const [key, limit] of Object.entries(LIMITS) as Array<[keyof DuplicateProbe, number]>) {
    const value = input[key]?.trim();
    if (value) probe[key] = value.slice(0, limit);
  }
  if (!probe['name']) return null;
  return probe as DuplicateProbe;
}

/**
 * Asks `duplicates.check` for records like the one being typed, CHECK_DELAY_MS after the last
 * change. Answers to an older probe are dropped, so the list always belongs to what is on screen.
 */
export function useDuplicateCheck(entity: DuplicateEntity, probe: DuplicateProbe | null, excludeId?: string): DuplicateCheckState {
  const client = useCrmClient();
  const key = probe ? JSON.stringify([entity, probe, excludeId ?? null]) : null;
  const [state, setState] = useState<{ key: string | null; value: DuplicateCheckState }>({ key: null, value: { status: 'idle' } });

  useEffect(() => {
    if (!key || !probe) return;
    let current = true;
    const timer = setTimeout(() => {
      setState((previous) => ({ key, value: previous.value.status === 'ready' ? previous.value : { status: 'checking' } }));
      void client.send('duplicates.check', { entity, record: probe, excludeId, limit: 5 }).then((answer) => {
        if (!current) return;
        setState({
          key,
          value: answer.ok ? { status: 'ready', candidates: answer.value.candidates } : { status: 'error', error: answer.error },
        });
      });
    }, CHECK_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // `probe` is described by `key`; depending on the object would re-ask on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, key]);

  if (!key) return { status: 'idle' };
  // While a newer probe waits for its answer the previous candidates stay, so the list does not blink.
  return state.value;
}
