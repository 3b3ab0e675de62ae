import { describe, expect, it } from 'vitest';
import type { AnyStateMachine } from 'xstate';
import { flowMachine, flows } from '../machines/index';
import { CANCEL_ONLY_BEFORE_TOAST, CANCELLED_NEVER_DOWNLOADS, checked, INVARIANTS } from './invariants';
import { flowInput, modelMachine, PATH_TIMING, SCENARIOS } from '../src/testing/scenarios';
import { exploreGraph } from './stateGraph';

/*
 * The invariants can fail: a copy of the delayed-download machine that also accepts
 * `portal.cancel` once the toast is up (the real one closes the cancel window there) must
 * break "cancel is accepted only before the toast", while the real machine keeps it.
 */

const states = flows.delayedDownload.states;
const brokenMachine = flowMachine({
  ...flows.delayedDownload,
  states: {
    ...states,
    toastShown: { ...states['toastShown'], on: { ...states['toastShown']!.on, 'portal.cancel': 'cancelled' } },
  },
}, PATH_TIMING) as unknown as AnyStateMachine;

const input = flowInput(SCENARIOS.delayedDownload[0]!);
const graphOf = (machine: AnyStateMachine) => checked(exploreGraph(machine, input));

describe('a deliberately broken machine fails the invariants', () => {
  it('the real delayed-download machine keeps "cancel is accepted only before the toast"', () => {
    expect(CANCEL_ONLY_BEFORE_TOAST.check(graphOf(modelMachine('delayedDownload')))).toEqual([]);
  });

  it('a copy that accepts portal.cancel in toastShown breaks "cancel is accepted only before the toast", with a counterexample path', () => {
    const violations = CANCEL_ONLY_BEFORE_TOAST.check(graphOf(brokenMachine));
    expect(violations.length).toBeGreaterThan(0);
    expect(violations[0]).toMatchObject({ invariant: 'cancel is accepted only before the toast', message: 'cancel accepted after the toast was shown' });
    expect(violations[0]!.path).toMatch(/^operation\.start@\d+ → timer\.fired@\d+ → portal\.cancel@\d+$/);
  });

  it('only the cancel-window invariant breaks: the copy still never downloads after a cancel', () => {
    const graph = graphOf(brokenMachine);
    const broken = INVARIANTS.filter((inv) => inv.check(graph).length > 0).map((inv) => inv.name);
    expect(broken).toEqual(['cancel is accepted only before the toast']);
    expect(CANCELLED_NEVER_DOWNLOADS.check(graph)).toEqual([]);
  });
});
