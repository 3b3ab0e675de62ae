/**
 * mobile-plans-fulfillment/testing: the conformance kit. Cases generated from the flow machines
 * check a host's own `Effects` (LPA, modem, scheduler, UI, storage) through `createHost`, under
 * any test runner; the same paths as plain data (`pathsFor`) let a host in another language
 * replay them.
 * Room: Node only; imports src/sim, src/host, src/core, src/domain, machines and xstate.
 * @packageDocumentation
 */
export { conformanceCases, conformanceCoverage, type ConformanceCase, type ConformanceCoverage, type ConformanceOptions } from './conformance';
export type { CaseEnvironment, EffectsUnderTest, MakeEffects, TestClock } from './environment';
export { ConformanceError } from './observations';
export type { PathKind } from './paths';
export type { CoverageReport, MachineCoverage } from './coverage';
export type { TransitionInfo } from './machineModel';
export { pathsFor, PATHS_FORMAT, type ExportedPath, type FlowPaths, type PathStep, type PathsForOptions } from './pathData';
