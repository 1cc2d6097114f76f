// The contract in one import for the renderer and the core; see ARCHITECTURE.md "shared/".
export * from './app-requests';
export * from './bridge';
export * from './csp';
export * from './customers/accounts-requests';
export * from './customers/contacts-requests';
export * from './push-events';
export * from './live-requests';
export * from './paging';
export * from './requests';
export * from './result';
export * from './search-requests';
export type { WireEvent, WireRequest, WireResponse } from './wire';
export { WIRE_CLOSE } from './wire';
