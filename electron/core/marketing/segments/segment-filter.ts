import type { SegmentTarget } from '../../../../shared/marketing/segment-conditions';
import type { CrmDatabase } from '../../db/open-crm-database';
import { HandlerError } from '../../rpc/handler-error';
import type { SegmentEngine } from './segment-engine';
import { definitionOf } from './segments-handlers';

/** A saved segment as a filter of a customer list: the ids it selects now. */
export type SegmentFilter = {
  /** Ids of the records of `target` the saved segment selects; refuses an unknown segment or one of another target. */
  idsOf(segmentId: string, target: SegmentTarget): Promise<string[]>;
};

export function createSegmentFilter(db: CrmDatabase, engine: () => SegmentEngine): SegmentFilter {
  return {
    async idsOf(segmentId, target) {
      const doc = (await db.marketing.findOne(segmentId).exec())?.toJSON();
      if (doc?.kind !== 'segment') throw new HandlerError('not_found', `No segment with id ${segmentId}`);
      const definition = definitionOf(doc as never);
      if (!definition)
        throw new HandlerError('invalid_state', 'This segment was saved by a newer version of the app and cannot filter here');
      if (definition.target !== target)
        throw new HandlerError('invalid_request', `The segment "${doc.name}" selects ${definition.target}, not ${target}`);
      return engine().ids(definition);
    },
  };
}
