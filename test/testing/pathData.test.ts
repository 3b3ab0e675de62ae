import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { FLOW_NAMES } from '../../machines/index';
import { createState, redactCommand, step, type CoreState } from '../../src/index';
import { SECRET_MATCHING_IDS } from '../../src/testing/scenarios';
import { PATHS_SCHEMA_URL, pathsFor, type FlowPaths } from './kit';
import { runCli } from '../cli/runCli';

/*
 * Paths as data: the published schema accepts what `mobile-plans paths --json` prints and
 * `pathsFor` returns (and refuses a document that is not in the format), and replaying the
 * exported inputs through the pure `step` gives back the recorded replies, commands, callbacks
 * and states.
 */

const schema = JSON.parse(readFileSync(PATHS_SCHEMA_URL, 'utf8')) as object;
const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);

function problems(document: unknown): string[] {
  return validate(document) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

/** Replay every case's inputs through `step`; the differences from what the document recorded. */
function replayDifferences(document: FlowPaths): string[] {
  const differences: string[] = [];
  for (const path of document.cases) {
    let state: CoreState = createState(document.config);
    path.steps.forEach((recorded, i) => {
      const result = step(state, recorded.input);
      state = result.state;
      const id = document.operationId;
      const value = state.operations[id]?.value ?? state.finished[id]?.value ?? null;
      const got = {
        reply: result.reply,
        commands: result.commands.map(redactCommand),
        callbacks: result.commands.flatMap((c) => (c.type === 'portal.callback' ? [{ script: c.script, args: c.args }] : [])),
        state: value,
        live: state.operations[id] !== undefined,
      };
      const want = { reply: recorded.reply, commands: recorded.commands, callbacks: recorded.callbacks, state: recorded.state, live: recorded.live };
      if (JSON.stringify(got) !== JSON.stringify(want)) differences.push(`${path.name}, step ${i + 1}: replayed ${JSON.stringify(got)}, recorded ${JSON.stringify(want)}`);
    });
  }
  return differences;
}

describe('mobile-plans paths delayed --json', async () => {
  const { code, stdout } = await runCli('paths', 'delayed', '--json');
  const document = JSON.parse(stdout) as FlowPaths;

  it('prints one JSON document that the published schema accepts', () => {
    expect(code).toBe(0);
    expect(problems(document)).toEqual([]);
    expect(document).toMatchObject({ format: 'mobile-plans-fulfillment/paths@1', flow: 'delayedDownload', paths: 'shortest' });
    expect(document.cases.length).toBeGreaterThan(0);
  });

  it('replays through the pure step to exactly the recorded replies, commands, callbacks and states', () => {
    expect(replayDifferences(document)).toEqual([]);
  });

  it('a recorded command that the core does not give shows up in the replay', () => {
    const tampered = structuredClone(document) as unknown as { cases: Array<{ steps: Array<{ commands: unknown[] }> }> };
    tampered.cases[0]!.steps[1]!.commands.reverse();
    expect(replayDifferences(tampered as unknown as FlowPaths)).toHaveLength(1);
  });
});

describe('pathsFor every flow', () => {
  it.each(FLOW_NAMES)('%s: the shortest and the simple paths are in the format and replay', (flow) => {
    for (const document of [pathsFor(flow), pathsFor(flow, { simple: true })]) {
      const data = JSON.parse(JSON.stringify(document)) as FlowPaths;
      expect(problems(data)).toEqual([]);
      expect(replayDifferences(data)).toEqual([]);
      expect(new Set(data.cases.map((c) => c.name)).size).toBe(data.cases.length);
    }
  });
});

describe('the schema refuses what is not in the format', () => {
  const good = JSON.parse(JSON.stringify(pathsFor('inlineDownload'))) as { format: string; cases: Array<{ steps: Array<Record<string, unknown>> }> };

  it.each([
    ['another format version', (d: typeof good) => void (d.format = 'mobile-plans-fulfillment/paths@2')],
    ['a command of no known type', (d: typeof good) => void (d.cases[0]!.steps[0]!['commands'] = [{ type: 'lpa.format', operationId: 'op-1' }])],
    ['a step without its state', (d: typeof good) => void delete d.cases[0]!.steps[0]!['state']],
    ['an input without its time', (d: typeof good) => void delete (d.cases[0]!.steps[0]!['input'] as Record<string, unknown>)['now']],
  ])('%s', (_what, spoil) => {
    const spoiled = structuredClone(good);
    spoil(spoiled);
    expect(problems(spoiled)).not.toEqual([]);
  });
});

describe('mobile-plans paths as text', () => {
  it('lists every path with one line per step and no matching ID', async () => {
    const { code, stdout } = await runCli('paths', 'inline');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^inlineDownload: \d+ shortest paths/);
    expect(stdout).toMatch(/ {3}1 {2}\+0 min +portal\.call +→ downloading +ui\.progress, lpa\.download/);
    expect(SECRET_MATCHING_IDS.filter((id) => stdout.includes(id))).toEqual([]);
  });

  it('refuses an unknown flow with the list of flows (exit 2)', async () => {
    const { code, stderr } = await runCli('paths', 'nope');
    expect(code).toBe(2);
    expect(stderr).toContain('unknown flow "nope"');
  });
});
