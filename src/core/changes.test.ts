import { describe, expect, it } from 'vitest';
import { markChanged, startChanges, stopChanges } from './changes';
import { createState } from './state';

/* The ids a step marks are collected for the state it runs on only, and a step inside another gives the outer one back. */

describe('collecting changed ids', () => {
  it('collects for the state being stepped, gives an outer collection back, and collects nothing between steps', () => {
    const outer = createState();
    const inner = createState();
    const outerIds = new Set<string>();
    const innerIds = new Set<string>();
    startChanges(outer, outerIds);
    markChanged(outer, 'op-1');
    startChanges(inner, innerIds);
    markChanged(inner, 'op-2');
    stopChanges();
    markChanged(outer, 'op-3');
    markChanged(inner, 'op-4');
    stopChanges();
    markChanged(outer, 'op-5');
    expect([...outerIds]).toEqual(['op-1', 'op-3']);
    expect([...innerIds]).toEqual(['op-2']);
  });
});
