import { describe, expect, it } from 'vitest';
import { FLOW_NAMES } from '../../machines/index';
import { ACTIVATION_ERROR_DESCRIPTIONS } from '../../src/descriptions/index';
import { ACTIVATION_ERRORS, ENUM_OBJECTS } from '../../src/domain/index';
import { HAND_OFF_ENTRY_POINTS, PORTAL_OBJECTS } from '../../src/portal/entryPoints';
import { CALLBACK_ARGS } from '../../src/docs/callbackArgs';
import { entryPoints, SPEC_GENERATIONS } from '../../src/docs/entryPoints';
import { REPOSITORY_ROOT, renderDocs } from '../../src/docs/generate';
import { mainPath } from '../../src/docs/mainPath';
import { unionMemberDocs } from '../../src/docs/tsdoc';

const reference = renderDocs().find((f) => f.path === 'portal-api.md')?.content ?? '';
const section = (heading: string): string => reference.split(`\n## ${heading}\n`)[1]?.split('\n## ')[0] ?? '';

describe('the portal API reference', () => {
  it('documents every object and every hand-off entry point of the portal bridge', () => {
    for (const object of PORTAL_OBJECTS) expect(reference).toContain(`### ${object}\n`);
    for (const entry of HAND_OFF_ENTRY_POINTS) expect(reference).toContain(`#### \`${entry.object}.${entry.method}(`);
    expect(reference).toContain('#### `MobilePlansInlineOperations.notifyOperationCancel(operationContext)`');
  });

  it('every method the spec defines exists in the portal bridge', () => {
    const members = new Set([
      ...entryPoints().map((e) => e.name),
      ...['DataMart', 'MobilePlans'].map((o) => `${o}.createPurchaseMetaData`),
      ...PORTAL_OBJECTS.flatMap((o) => CALLBACK_ARGS.map((c) => `${o}.${c.slot}`)),
    ]);
    expect(Object.keys(SPEC_GENERATIONS).filter((name) => !members.has(name))).toEqual([]);
  });

  it('gives every parameter a type from the spec', () => {
    for (const entry of entryPoints()) for (const p of entry.params) expect(p.type).not.toBe('');
  });

  it('every flow is started by at least one entry point', () => {
    for (const flow of FLOW_NAMES) expect(entryPoints().some((e) => e.flows.includes(flow))).toBe(true);
  });

  it('lists every enum object with every key and value', () => {
    const enums = section('Enum objects');
    for (const [name, values] of Object.entries(ENUM_OBJECTS)) {
      expect(enums).toContain(`\`${name}\``);
      for (const [key, value] of Object.entries(values)) expect(enums).toContain(`| \`${key}\` | \`${JSON.stringify(value)}\` |`);
    }
  });

  it('explains every activation error and what the portal should do', () => {
    const errors = section('Activation errors');
    for (const error of ACTIVATION_ERRORS) {
      const { meaning, portalAction } = ACTIVATION_ERROR_DESCRIPTIONS[error];
      expect(errors).toContain(`| \`${error}\` | ${meaning} | ${portalAction} |`);
    }
  });

  it('describes every diagnostic code, each with its TSDoc', () => {
    const codes = unionMemberDocs(`${REPOSITORY_ROOT}/src/domain/diagnostics.ts`, 'DiagnosticCode');
    expect(codes.length).toBeGreaterThan(10);
    const rows = section('Diagnostics').split('\n').filter((l) => l.startsWith('| `'));
    expect(rows).toHaveLength(codes.length);
    for (const code of codes) {
      expect(code.doc).toBeTruthy();
      expect(rows).toContain(`| \`${code.value}\` | ${code.doc} |`);
    }
  });

  it('the documented callback argument shapes are what the core really sends', () => {
    const sent = FLOW_NAMES.flatMap((flow) => mainPath(flow).exchanges.flatMap((e) => e.commands))
      .flatMap((c) => (c.type === 'portal.callback' ? [c] : []));
    for (const doc of CALLBACK_ARGS) {
      const ofScript = sent.filter((c) => c.script === doc.script);
      expect(ofScript.length).toBeGreaterThan(0);
      for (const c of ofScript) expect(Object.keys(JSON.parse(c.args) as object).sort()).toEqual(doc.properties.map((p) => p.name).sort());
      expect(section('Callback arguments')).toContain(`### ${doc.typeName}`);
    }
  });
});
