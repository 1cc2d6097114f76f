import type { SegmentDefinition } from '../../../../shared/marketing/segment-conditions';
import type { StoreDeps } from '../../customers/record-store';
import type { CampaignFiguresSource } from './campaign-figures-source';

/** The ids a saved segment's conditions select now (accounts, contacts or leads, after its target). */
export type SegmentIdsSource = {
  ids(definition: SegmentDefinition): Promise<ReadonlyArray<string>> | ReadonlyArray<string>;
};

export type CampaignsDeps = StoreDeps & {
  readonly figures: CampaignFiguresSource;
  /** Absent where segments cannot be evaluated: adding from a segment is refused in words. */
  readonly segments?: SegmentIdsSource;
};
