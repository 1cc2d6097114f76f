import type { ServiceDeps } from '../service/service-deps';
import { defineHandlers } from '../rpc/dispatcher';
import { HandlerError } from '../rpc/handler-error';

// SCAFFOLD: replaced by the real handlers in this session; never shipped as is.
const notBuilt = async (): Promise<never> => {
  throw new HandlerError('internal', 'not built yet');
};

export function createServiceDashboardHandlers(_deps: ServiceDeps) {
  return defineHandlers({
    'service.dashboard': notBuilt,
  });
}
