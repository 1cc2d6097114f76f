import { createContext, useContext, useEffect, useState } from 'react';
import type { WinModelSummary, WinProbability } from '../../../../shared/contract/analytics/analytics-requests';
import { useCrmClient } from '../../transport/client-context';

export type WinProbabilityState = {
  /** Null until the first answer arrives. */
  readonly model: WinModelSummary | null;
  readonly scores: ReadonlyMap<string, WinProbability>;
};

const EMPTY: WinProbabilityState = { model: null, scores: new Map() };

/**
 * Win probabilities of `ids` from the core's last trained model, re-read whenever the core says it
 * retrained. Never waits for a training: until the first model exists the state says `untrained`.
 */
export function useWinProbabilities(ids: ReadonlyArray<string>): WinProbabilityState {
  const client = useCrmClient();
  const [state, setState] = useState<WinProbabilityState>(EMPTY);
  const key = ids.join(',');

  useEffect(() => {
    let active = true;
    let version = 0;
    const load = async (): Promise<void> => {
      const mine = ++version;
      const answer = await client.send('analytics.winProbabilities', { ids: key === '' ? [] : key.split(',') });
      // A failed read keeps the previous figures: the badge is a hint, never worth an error banner.
      if (!active || mine !== version || !answer.ok) return;
      setState({ model: answer.value.model, scores: new Map(answer.value.scores.map((s) => [s.opportunityId, s])) });
    };
    void load();
    const stop = client.subscribe('analytics.winModelChanged', () => void load());
    return () => {
      active = false;
      stop();
    };
  }, [client, key]);
  return state;
}

/** The board's scores, read once for all cards instead of one request per card. */
export const WinProbabilityContext = createContext<WinProbabilityState>(EMPTY);

export function useBoardWinProbability(id: string): { readonly score: WinProbability | undefined; readonly pending: boolean } {
  const { model, scores } = useContext(WinProbabilityContext);
  return { score: scores.get(id), pending: model === null || (model.trainedAt === null && model.status !== 'failed') };
}
