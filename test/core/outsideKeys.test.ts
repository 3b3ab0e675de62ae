import { describe, expect, it } from 'vitest';
import { createHost } from '../../src/host/host';
import { createSimulatedDevice } from '../../src/sim/device/index';
import { createWorld, operationIdOf, profileDownload, COMPLETE_METADATA } from '../support/world';

const HOSTILE_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype'];

describe('ids and ICCIDs from outside', () => {
  for (const key of HOSTILE_KEYS) {
    it(`${JSON.stringify(key)} as an operation id or ICCID is an unknown one, never a crash`, async () => {
      const world = await createWorld();
      const live = operationIdOf(world.call(profileDownload(60)));
      const { host } = world;
      expect(host.cancel(key)).toBe(false);
      expect(host.cancel(key, 'https://portal.example.com')).toBe(false);
      expect(() => host.fire(key)).not.toThrow();
      expect(() => host.registrationChanged(key, 'home')).not.toThrow();
      expect(() => host.user.acceptToast(key)).not.toThrow();
      expect(() => host.user.dismissToast(key)).not.toThrow();
      expect(() => host.user.startDownload(key)).not.toThrow();
      expect(() => host.user.confirmationCode(key, '1234')).not.toThrow();
      expect(() => host.user.abort(key)).not.toThrow();
      expect(host.send({ type: 'user.abort', operationId: key })).toMatchObject({ type: 'ignored' });
      expect(host.send({ type: 'lpa.downloaded', operationId: key, iccid: key })).toMatchObject({ type: 'ignored' });
      expect(host.operations()).toEqual([expect.objectContaining({ id: live, state: 'scheduled', live: true })]);
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    });
  }

  it('refuses __proto__ as an id the caller chooses, and accepts an ordinary one', async () => {
    const world = await createWorld();
    expect(world.host.send({ type: 'portal.call', call: profileDownload(60), operationId: '__proto__' })).toMatchObject({ type: 'refused', error: { field: 'operationId' } });
    expect(world.host.send({ type: 'portal.call', call: profileDownload(60), operationId: 'order-42' })).toEqual({ type: 'operation', operationId: 'order-42', created: true });
  });

  it('follows a profile whose ICCID is __proto__ in the core, and registers it', async () => {
    // The host's effect guard refuses such an answer from the LPA (not a valid ICCID); the core
    // must still keep it as a plain key when the input reaches it some other way.
    const device = createSimulatedDevice();
    const host = createHost({ effects: { ...device.effects, lpa: { ...device.effects.lpa, download: () => new Promise<never>(() => undefined), enable: () => undefined }, modem: { register: () => undefined } } });
    device.attach(host);
    await host.start();
    const id = operationIdOf(host.call(profileDownload()));
    host.send({ type: 'lpa.downloaded', operationId: id, iccid: '__proto__' });
    host.send({ type: 'lpa.enabled', operationId: id });
    expect(host.state().followers['__proto__']).toEqual([id]);
    host.registrationChanged('__proto__', 'home');
    expect(host.operations()).toEqual([expect.objectContaining({ id, live: false, outcome: 'connected' })]);
    host.stop();
  });

  it('fails a download whose LPA answers with __proto__ as the ICCID, and frees the LPA', async () => {
    const device = createSimulatedDevice();
    const host = createHost({ effects: { ...device.effects, lpa: { ...device.effects.lpa, download: () => ({ iccid: '__proto__' }) } } });
    device.attach(host);
    await host.start();
    const id = operationIdOf(host.call(profileDownload()));
    await host.idle();
    expect(host.operations()).toEqual([expect.objectContaining({ id, live: false, outcome: 'failed' })]);
    expect(host.state().lpa.active).toBeNull();
  });
});

describe('same-code idempotency', () => {
  it('treats every spelling of one profile download as the same code (SGP.22: address without case, empty optional fields)', async () => {
    const world = await createWorld();
    world.device.lpa.setDefaultOutcome('download', { slow: { durationMs: 60_000 } });
    const first = operationIdOf(world.call(profileDownload(undefined, '1$SMDP.EXAMPLE.COM$MATCH-X1')));
    for (const spelling of ['1$smdp.example.com$MATCH-X1', '1$smdp.example.com$MATCH-X1$$1', 'LPA:1$Smdp.Example.Com$MATCH-X1', '1$smdp.example.com$MATCH-X1$1.3.6.1.4.1.31746']) {
      expect(world.call(profileDownload(undefined, spelling))).toEqual({ type: 'operation', operationId: first, created: false });
    }
    expect(world.call(profileDownload(undefined, '1$smdp.example.com$match-x1'))).toMatchObject({ created: true });
    expect(world.call(profileDownload(undefined, '1$other.example.com$MATCH-X1'))).toMatchObject({ created: true });
  });
});

describe('registration states', () => {
  it('keeps a state the spec does not define away from the flows and the portal, with a diagnostic', async () => {
    const world = await createWorld();
    world.device.modem.setDefaultRegistration('none');
    const id = operationIdOf(world.call(profileDownload()));
    await world.advance(1);
    const iccid = world.host.state().operations[id]!.context.iccid!;
    const reply = world.host.send({ type: 'modem.registration', iccid, state: 'hacked<script>' as never });
    expect(reply).toMatchObject({ type: 'ignored' });
    expect(world.callbacks(id).map((c) => c.args)).not.toContainEqual(expect.objectContaining({ networkRegistrationState: 'hacked<script>' }));
    expect(world.commands().filter((c) => c.type === 'diagnostic' && c.notice.diagnostic.code === 'unknownEnumValue' && c.notice.diagnostic.field === 'networkRegistrationState')).toHaveLength(1);
    void COMPLETE_METADATA;
  });
});
