/**
 * `mobile-plans-fulfillment/descriptions`: documentation data, kept out of the core entry point so
 * that a host does not ship it. The generated docs read it; a portal tool may show it.
 * Room: imports only src/domain (rules: eslint.config.mjs).
 * @packageDocumentation
 */
export { ACTIVATION_ERROR_DESCRIPTIONS, type ActivationErrorDescription } from '../domain/activationErrorDescriptions';
