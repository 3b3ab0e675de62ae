import { describe, expect, it } from 'vitest';
import { and, setup } from 'xstate';
import { inlineExample, EXAMPLE_END, EXAMPLE_START } from '../../src/docs/hostGuide';
import { guardLabel, describeFlow } from '../../src/docs/machineGraph';
import { cell, duration, table } from '../../src/docs/markdown';
import { mermaidText } from '../../src/docs/mermaid';
import { portalOpenStates } from '../../src/docs/stateEffects';

describe('generator parts', () => {
  it('a table cell cannot break out of its cell or row', () => {
    expect(cell('a | b\nc')).toBe('a \\| b c');
    expect(table(['x', 'y'], [['1', '']])).toBe('| x | y |\n| --- | --- |\n| 1 | — |');
  });

  it('a Mermaid label cannot end its statement', () => {
    expect(mermaidText('a; b #1')).toBe('a#59; b #35;1');
  });

  it('durations read as minutes, hours and days', () => {
    expect(duration(15 * 60_000)).toBe('15 min');
    expect(duration(25 * 60 * 60_000)).toBe('1 d 1 h');
  });

  it('guards read as their names, params and compositions', () => {
    const guards = setup({ guards: { a: () => true, b: () => true } });
    const machine = guards.createMachine({
      initial: 'x',
      states: { x: { on: { go: [{ guard: and(['a', { type: 'b', params: { n: 1 } }]), target: 'y' }, { guard: 'a', target: 'y' }] } }, y: {} },
    });
    const labels = [...(machine.root.states['x']?.transitions.get('go') ?? [])].map((t) => guardLabel(t.guard));
    expect(labels).toEqual(['and(a, b(n=1))', 'a']);
  });

  it('the host guide gets the example between its markers, and only there', () => {
    const guide = `intro\n${EXAMPLE_START}\nold\n${EXAMPLE_END}\noutro\n`;
    const once = inlineExample(guide, 'export const x = 1;\n');
    expect(once).toBe(`intro\n${EXAMPLE_START}\n\`\`\`ts\nexport const x = 1;\n\`\`\`\n${EXAMPLE_END}\noutro\n`);
    expect(inlineExample(once, 'export const x = 1;\n')).toBe(once);
    expect(() => inlineExample('no markers', '')).toThrow(/must contain/);
  });

  it('callbacks count as delivered only where the portal can still be open', () => {
    expect(portalOpenStates(describeFlow('inlineDownload')).has('connected')).toBe(true);
    expect(portalOpenStates(describeFlow('asyncConnectivity')).has('connected')).toBe(false);
  });
});
