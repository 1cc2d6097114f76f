import type { ServiceDeps } from './service-deps';
import { defineHandlers } from '../rpc/dispatcher';
import { HandlerError } from '../rpc/handler-error';

// SCAFFOLD: replaced by the real handlers in this session; never shipped as is.
const notBuilt = async (): Promise<never> => {
  throw new HandlerError('internal', 'not built yet');
};

export function createCasesHandlers(_deps: ServiceDeps) {
  return defineHandlers({
    'cases.list': notBuilt,
    'cases.queueCounts': notBuilt,
    'cases.get': notBuilt,
    'cases.forAccount': notBuilt,
    'cases.create': notBuilt,
    'cases.update': notBuilt,
    'cases.transition': notBuilt,
    'cases.assign': notBuilt,
    'cases.linkArticle': notBuilt,
    'cases.markHelpful': notBuilt,
  });
}
