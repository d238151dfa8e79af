export { CommonErrors } from './lib/common-errors';
export { DomainError } from './lib/domain.error';
export { isRpcErrorPayload } from './lib/error-descriptor';
export type { ErrorDescriptor, RpcErrorPayload } from './lib/error-descriptor';
export type { Envelope, EventMap, PatternMap, PingResponse, ServiceDescriptor } from './lib/message';
export { ALL_ROLES, ALL_SCOPES, hasRole, MessageMeta, Principal, Role, ROLE_SCOPES, Scope, scopesOfRoles } from './lib/principal';
export { EmptyRequest } from './lib/empty.request';
export { UUID_V4 } from './lib/id-rule';
export type { IdRule } from './lib/id-rule';
