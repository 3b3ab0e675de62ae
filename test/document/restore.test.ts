import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Command, DiagnosticNotice } from '../../src/core/commands';
import type { Quarantined } from '../../src/core/document';
import type { CoreState } from '../../src/core/state';
import type { Effects } from '../../src/host/effects';
import { createHost, type Host } from '../../src/host/host';
import { createSimulatedDevice } from '../../src/sim/device/index';
import { COMPLETE_METADATA, operationIdOf, profileDownload, SECRET_MATCHING_ID } from '../support/world';

/*
 * test/fixtures/document-v1.json was saved by the code before documents were checked (commit
 * 99d1e30): op-1 a delayed download (scheduled), op-2 async connectivity at the confirmation
 * prompt (its code was given as `1$SMDP.Example.com$...$$1`), op-3 a delayed profile (waiting),
 * op-4 a cancelled purchase (finished).
 */
const FIXTURE_TEXT = readFileSync(new URL('../fixtures/document-v1.json', import.meta.url), 'utf8');
const fixture = (): Record<string, any> => JSON.parse(FIXTURE_TEXT) as Record<string, any>;

/** A host on a simulated device whose storage returns `document` once. */
async function restoredFrom(document: unknown, effects: Partial<Effects> = {}) {
  const device = createSimulatedDevice({ startTime: Date.parse('2026-01-01T00:10:00Z') });
  const quarantined: Quarantined[] = [];
  const notices: DiagnosticNotice[] = [];
  const commands: Command[] = [];
  let stored: unknown = document;
  const host: Host = createHost({
    effects: {
      ...device.effects,
      diagnostic: (notice) => {
        notices.push(notice);
        device.effects.diagnostic(notice);
      },
      storage: { load: () => stored as CoreState | null, save: (state) => void (stored = JSON.parse(JSON.stringify(state))) },
      ...effects,
    },
    observe: (step) => commands.push(...step.commands),
    onQuarantine: (q) => quarantined.push(q),
  });
  device.attach(host);
  await host.start();
  return { device, host, quarantined, notices, commands };
}

const liveIds = (host: Host) => host.operations().filter((op) => op.live).map((op) => op.id);

describe('restoring a saved document', () => {
  it("resumes every operation of today's format, with nothing quarantined", async () => {
    const { host, device, quarantined } = await restoredFrom(fixture());
    expect(quarantined).toEqual([]);
    expect(host.operations().map((op) => [op.id, op.state, op.live])).toEqual([
      ['op-1', 'scheduled', true],
      ['op-2', 'confirmationCode', true],
      ['op-3', 'waiting', true],
      ['op-4', 'purchaseCancelled', false],
    ]);
    // op-2 waits for the user's confirmation code, which has no deadline.
    expect(device.clock.pending().map((timer) => timer.id).sort()).toEqual(['op-1', 'op-3']);
  });

  it('keeps same-code idempotency for the codes the old document keyed by their full spelling', async () => {
    const { host } = await restoredFrom(fixture());
    const again = host.call({ ...profileDownload(undefined, '1$smdp.example.com$OTHER-MATCHING-ID-0815'), metadata: COMPLETE_METADATA });
    expect(again).toEqual({ type: 'operation', operationId: 'op-2', created: false });
  });

  it('gives a new operation an id no record holds, though the id source starts again at op-1', async () => {
    const { host } = await restoredFrom(fixture());
    const id = operationIdOf(host.call(profileDownload(undefined, '1$smdp.example.com$FRESH-CODE-123')));
    expect(['op-1', 'op-2', 'op-3', 'op-4']).not.toContain(id);
    expect(liveIds(host)).toContain(id);
  });

  const foreign: ReadonlyArray<[string, unknown, RegExp]> = [
    ['a string', 'not a document', /not an object/],
    ['an array', [1, 2], /not an object/],
    ['an empty object', {}, /version/],
    ['version 3', { ...fixture(), version: 3 }, /version: 3 is not one this code reads \(it reads 2 and migrates 1\)/],
    ['version "1"', { ...fixture(), version: '1' }, /version: expected the number 2, got a string/],
    ['no version', { ...fixture(), version: undefined }, /version/],
    ['no lpa', { ...fixture(), lpa: undefined }, /lpa/],
    ['no config', { ...fixture(), config: undefined }, /config/],
    ['no secrets', { ...fixture(), secrets: undefined }, /secrets/],
    ['a config that is not numbers', { ...fixture(), config: { ...fixture()['config'], retainFinished: 'many' } }, /config\.retainFinished/],
  ];
  for (const [what, document, reason] of foreign) {
    it(`hands back ${what} whole and starts empty, serving calls`, async () => {
      const { host, quarantined, notices } = await restoredFrom(document);
      expect(quarantined).toEqual([{ kind: 'document', document, reason: expect.stringMatching(reason) }]);
      expect(host.operations()).toEqual([]);
      expect(host.call(profileDownload())).toMatchObject({ type: 'operation', created: true });
      expect(host.cancel('op-404')).toBe(false);
      expect(notices.filter((n) => n.diagnostic.code === 'documentQuarantined')).toHaveLength(1);
    });
  }

  it('quarantines one record in an unknown state alone; the others resume with their timers', async () => {
    const document = fixture();
    document['operations']['op-3'].value = 'teleporting';
    const { host, device, quarantined, commands } = await restoredFrom(document);
    expect(quarantined).toEqual([
      { kind: 'operation', operationId: 'op-3', record: document['operations']['op-3'], secrets: undefined, reason: expect.stringContaining('no state "teleporting"') },
    ]);
    expect(liveIds(host)).toEqual(['op-1', 'op-2']);
    expect(device.clock.pending().map((timer) => timer.id)).toEqual(['op-1']);
    host.user.confirmationCode('op-2', '1234');
    expect(commands).toContainEqual(expect.objectContaining({ type: 'lpa.download', operationId: 'op-2', activationCode: '1$SMDP.Example.com$OTHER-MATCHING-ID-0815$$1' }));
  });

  it.each([
    ['an unknown flow', (d: Record<string, any>) => void (d['operations']['op-1'].flow = 'teleport')],
    ['a context that is not one', (d: Record<string, any>) => void (d['operations']['op-1'].context = 'x')],
    ['an id that differs from its key', (d: Record<string, any>) => void (d['operations']['op-1'].id = 'op-9')],
    ['a finished state while live', (d: Record<string, any>) => void (d['operations']['op-1'].value = 'cancelled')],
  ])('quarantines a record with %s alone', async (_what, damage) => {
    const document = fixture();
    damage(document);
    const { host, quarantined } = await restoredFrom(document);
    expect(quarantined.map((q) => [q.kind, q.kind === 'document' ? null : q.operationId])).toEqual([['operation', 'op-1']]);
    expect(liveIds(host)).toEqual(['op-2', 'op-3']);
  });

  it('quarantines an operation that would download without its activation code, and never asks the LPA for ""', async () => {
    const document = fixture();
    delete document['secrets']['operations']['op-2'];
    const { host, quarantined, commands } = await restoredFrom(document);
    expect(quarantined).toEqual([expect.objectContaining({ kind: 'operation', operationId: 'op-2', reason: expect.stringContaining('activation code') })]);
    expect(liveIds(host)).toEqual(['op-1', 'op-3']);
    expect(commands.filter((c) => c.type === 'lpa.download')).toEqual([]);
  });

  it('quarantines a download that was running when its secret went missing, and downloads the others', async () => {
    // First life: a download that never answers, so the stored document has it in progress.
    const first = createSimulatedDevice();
    let saved: unknown = null;
    const storage = { load: () => saved as CoreState | null, save: (state: CoreState) => void (saved = JSON.parse(JSON.stringify(state))) };
    const hanging = createHost({ effects: { ...first.effects, storage, lpa: { ...first.effects.lpa, download: () => new Promise<never>(() => {}) } } });
    first.attach(hanging);
    await hanging.start();
    const id = operationIdOf(hanging.call(profileDownload()));
    expect(hanging.operations()).toContainEqual(expect.objectContaining({ id, state: 'downloading' }));
    hanging.stop();
    const document = saved as Record<string, any>;
    delete document['secrets']['operations'][id];

    const { quarantined, commands } = await restoredFrom(document);
    expect(quarantined).toEqual([expect.objectContaining({ kind: 'operation', operationId: id, reason: expect.stringContaining('activation code') })]);
    expect(commands.filter((c) => c.type === 'lpa.download')).toEqual([]);
  });

  it('never puts a credential in the quarantine diagnostics', async () => {
    const document = fixture();
    document['operations']['op-1'].value = SECRET_MATCHING_ID;
    document['secrets']['operations']['op-2'] = { activationCode: 42 };
    const { notices, quarantined } = await restoredFrom(document);
    expect(quarantined).toHaveLength(2);
    expect(JSON.stringify(notices)).not.toContain('OTHER-MATCHING-ID-0815');
  });
});
