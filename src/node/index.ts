/**
 * `mobile-plans-fulfillment/node`: the durable host kit for hosts that run in Node.js (an
 * Electron main process, a service, a test rig). The only entry point that uses Node's modules.
 * Room: imports src/host, src/core, src/domain, Node's modules and write-file-atomic (rules: eslint.config.mjs).
 *
 * - {@link fileStorage}: `StorageEffects` in a directory of files, written atomically, that
 *   survives a crash at any moment.
 * - {@link createScheduler}: `SchedulerEffects` on the wall clock: waits past 2^31 ms, fires
 *   what fell due while the machine slept, never early.
 * - {@link consoleReporter}: `report` and `diagnostic` as text or JSON lines, the matching ID masked.
 *
 * Every name is listed on purpose (api/node.api.md).
 * @packageDocumentation
 */
export { fileStorage, type FileStorage } from './fileStorage';
export { FileStorageError, type FileStorageErrorCode } from './fileStorageError';
export { createScheduler, type Scheduler, type SchedulerOptions } from './scheduler';
export { consoleReporter, type ConsoleReporter, type ConsoleReporterOptions, type LineSink } from './consoleReporter';
