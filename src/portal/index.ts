/**
 * `mobile-plans-fulfillment/portal`: the bridge between an operator's portal page and the host.
 * `createPortalApi(host, options).install(window)` defines every generation's objects on the
 * page; everything the page passes is copied into plain data and checked before the host sees it.
 * Room: imports only src/host, src/core and src/domain, no Node modules (rules: eslint.config.mjs).
 *
 * Every name is listed on purpose (api/portal.api.md); the copying and callback helpers stay inside.
 * @packageDocumentation
 */
export { createPortalApi, type PortalApi, type PortalApiOptions, type PortalHost, type OperationContext } from './api';
export { MobilePlansSecurityError } from './origin';
// The limits a page meets: longer strings and callback names are refused with a diagnostic.
export { MAX_ARGUMENT_STRING_LENGTH } from './copy';
export { MAX_CALLBACK_NAME_LENGTH } from './callbacks';
// The objects install() defines on the page, by global name, of every generation.
export { PORTAL_OBJECTS, type PortalObjectName } from './entryPoints';
