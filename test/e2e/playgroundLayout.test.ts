import { beforeAll, describe, expect, it } from 'vitest';
import { FLOW_NAMES } from '../../machines/index';
import type { FlowName } from '../../machines/types';
import { describeFlow } from '../../src/docs/machineGraph';
import { transitionLabel } from '../../src/docs/stateDiagram';
import { layoutStatechart, type Box, type Point, type StatechartLayout } from '../../playground/statechartLayout';

const layouts = new Map<FlowName, StatechartLayout>();

beforeAll(async () => {
  for (const flow of FLOW_NAMES) layouts.set(flow, await layoutStatechart(flow));
}, 60_000);

const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (box: Box, layout: StatechartLayout) => box.x >= 0 && box.y >= 0 && box.x + box.width <= layout.width && box.y + box.height <= layout.height;
/** Whether a point lies on a box's border (within a pixel). */
const onBorder = (p: Point, b: Box) => {
  const within = p.x >= b.x - 1 && p.x <= b.x + b.width + 1 && p.y >= b.y - 1 && p.y <= b.y + b.height + 1;
  const edge = Math.min(Math.abs(p.x - b.x), Math.abs(p.x - b.x - b.width), Math.abs(p.y - b.y), Math.abs(p.y - b.y - b.height));
  return within && edge <= 1;
};

describe.each(FLOW_NAMES)('the playground statechart of %s', (flow) => {
  const layout = () => layouts.get(flow) as StatechartLayout;

  it('draws the states and transitions the flow docs draw, labelled as the docs label them', () => {
    const graph = describeFlow(flow);
    expect(layout().states.map((s) => [s.name, s.initial, s.final])).toEqual(graph.states.map((s) => [s.name, s.initial, s.final]));
    const transitions = graph.states.flatMap((s) => s.transitions);
    expect(layout().transitions.map((t) => [t.source, t.target, t.label])).toEqual(transitions.map((t) => [t.source, t.target, transitionLabel(t)]));
  });

  it('places every state inside the drawing, none on another', () => {
    const states = layout().states;
    for (const s of states) expect(inside(s, layout()), s.name).toBe(true);
    for (const [i, a] of states.entries()) for (const b of states.slice(i + 1)) expect(overlap(a, b), `${a.name} and ${b.name}`).toBe(false);
  });

  it('routes every transition from its source state to its target state', () => {
    const box = (name: string) => layout().states.find((s) => s.name === name) as Box;
    for (const t of layout().transitions) {
      const what = `${t.source} → ${t.target} (${t.label})`;
      expect(t.points.length, what).toBeGreaterThanOrEqual(2);
      expect(onBorder(t.points[0] as Point, box(t.source)), `${what} starts on ${t.source}`).toBe(true);
      expect(onBorder(t.points.at(-1) as Point, box(t.target)), `${what} ends on ${t.target}`).toBe(true);
    }
    expect(onBorder(layout().start.points.at(-1) as Point, box(describeFlow(flow).initial))).toBe(true);
  });

  it('puts every label inside the drawing, clear of the states and of each other', () => {
    const { states, transitions } = layout();
    for (const t of transitions) {
      expect(inside(t.labelBox, layout()), t.label).toBe(true);
      for (const s of states) expect(overlap(t.labelBox, s), `${t.label} over ${s.name}`).toBe(false);
    }
    for (const [i, a] of transitions.entries()) {
      for (const b of transitions.slice(i + 1)) expect(overlap(a.labelBox, b.labelBox), `${a.label} (${a.source}) and ${b.label} (${b.source})`).toBe(false);
    }
  });
});
