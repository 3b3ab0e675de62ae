import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/* Every entry point package.json names loads, and offers what the README says it does. */

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const exportsMap = (JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { exports: Record<string, string> }).exports;

const EXPECTED: Record<string, readonly string[]> = {
  '.': ['createHost', 'step', 'createState', 'flows', 'FLOW_NAMES', 'DEFAULT_TIMING', 'parseActivationCode', 'validateMetadata', 'roundDelay'],
  './portal': ['createPortalApi'],
  './sim': ['startSimulator', 'createSimulatedDevice'],
  './machines': ['machines', 'machinesFor', 'flowMachine', 'flows'],
  './descriptions': ['ACTIVATION_ERROR_DESCRIPTIONS'],
};

describe('package entry points', () => {
  it('names exactly the documented entry points', () => {
    expect(Object.keys(exportsMap).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('%s offers its documented names', async (entry, names) => {
    const module = (await import(`${ROOT}${exportsMap[entry]!.slice(2)}`)) as Record<string, unknown>;
    for (const name of names) expect(`${entry} ${name}: ${typeof module[name]}`).not.toMatch(/: undefined$/);
  });
});
