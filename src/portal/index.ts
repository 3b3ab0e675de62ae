/**
 * `mobile-plans-fulfillment/portal`: the bridge between an operator's portal page and the host.
 * `createPortalApi(host, options).install(window)` defines every generation's objects on the
 * page; everything the page passes is copied into plain data and checked before the host sees it.
 * @packageDocumentation
 */
export { createPortalApi, type PortalApi, type PortalApiOptions, type PortalHost, type OperationContext } from './api';
export { MobilePlansSecurityError, originProblem, normalizeAllowedHosts, type OriginPolicy } from './origin';
export { copyArgument, propertyPath, ARGUMENT_LIMITS, PAYLOAD_LIMITS, MAX_ARGUMENT_STRING_LENGTH, type CopyLimits, type CopyResult } from './copy';
export { resolveCallback, CALLBACK_SLOTS, MAX_CALLBACK_NAME_LENGTH, type ResolvedCallback } from './callbacks';
export {
  HAND_OFF_ENTRY_POINTS,
  CANCEL_ENTRY_POINT,
  PORTAL_OBJECTS,
  INLINE_OPERATION_OBJECTS,
  METADATA_FACTORY_OBJECTS,
  type HandOffEntryPoint,
  type Parameter,
  type PortalObjectName,
} from './entryPoints';
