import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/inputs';
import { own, setOwn, type IdMap } from '../../src/core/records';
import { createWorld, operationIdOf, profileDownload, type World } from '../support/world';

/*
 * Gaps mutation testing found in src/core/portalUpdates.ts and src/core/records.ts: the
 * registration changes an open portal hears after its download connected (D41) were tested only
 * with the portal open and the download connected, so listening with the portal closed, the
 * reply to a change only a finished operation heard, and a change nobody hears were unchecked;
 * and no test gave a map with an ordinary prototype a `__proto__` key.
 */

async function connectedInline(portal: 'open' | 'closed'): Promise<{ world: World; id: string; iccid: string }> {
  const world = await createWorld();
  // The simulated device launches its portal when the host attaches.
  if (portal === 'closed') world.host.closePortal();
  expect(world.host.state().portalOpen).toBe(portal === 'open');
  const id = operationIdOf(world.call(profileDownload()));
  await world.advance(1);
  const [report] = world.reports();
  expect(report).toMatchObject({ operationId: id, outcome: 'connected' });
  return { world, id, iccid: report!.iccid! };
}

const registrationCallbacks = (world: World, id: string) => world.callbacks(id).filter((c) => c.script === 'registrationChanged');
const change = (world: World, iccid: string): Reply => world.host.send({ type: 'modem.registration', iccid, state: 'roaming' });

describe('registration changes after an inline download connected', () => {
  it('reach the open portal, and the change counts as taken', async () => {
    const { world, id, iccid } = await connectedInline('open');
    const before = registrationCallbacks(world, id).length;
    expect(change(world, iccid)).toEqual({ type: 'accepted' });
    expect(registrationCallbacks(world, id).slice(before)).toEqual([{ script: 'registrationChanged', args: { networkRegistrationState: 'roaming', iccid } }]);
  });

  it('are not listened for when the download connected with no portal open', async () => {
    const { world, id, iccid } = await connectedInline('closed');
    // Nothing is stored for a portal that is not there (a later launch would clear it anyway).
    expect(world.host.state().finished[id]).not.toHaveProperty('portalUpdatesLeft');
    const before = registrationCallbacks(world, id).length;
    expect(change(world, iccid)).toMatchObject({ type: 'ignored' });
    expect(world.host.launch('tx-2')).toEqual({ type: 'accepted' });
    expect(change(world, iccid)).toMatchObject({ type: 'ignored' });
    expect(registrationCallbacks(world, id)).toHaveLength(before);
  });

  it('are ignored once the portal closed', async () => {
    const { world, id, iccid } = await connectedInline('open');
    const before = registrationCallbacks(world, id).length;
    world.host.closePortal();
    expect(change(world, iccid)).toMatchObject({ type: 'ignored' });
    expect(registrationCallbacks(world, id)).toHaveLength(before);
  });

  it('on another profile are not heard by the finished operation', async () => {
    const { world, id } = await connectedInline('open');
    const before = registrationCallbacks(world, id).length;
    expect(change(world, '8988247000000000017')).toMatchObject({ type: 'ignored' });
    expect(registrationCallbacks(world, id)).toHaveLength(before);
  });
});

describe('setOwn on a map with an ordinary prototype (a document parsed by the host)', () => {
  // Operation ids and ICCIDs are validated before they become keys, so no public input reaches
  // this today: the records module's own promise is what is checked.
  it('keeps a __proto__ key as an own, listed entry and leaves the prototype alone', () => {
    const map: IdMap<number> = JSON.parse('{"a":1}') as IdMap<number>;
    setOwn(map, '__proto__', 2);
    expect(Object.getPrototypeOf(map)).toBe(Object.prototype);
    expect(Object.keys(map)).toEqual(['a', '__proto__']);
    expect(own(map, '__proto__')).toBe(2);
    setOwn(map, '__proto__', 3);
    expect(own(map, '__proto__')).toBe(3);
    expect(JSON.stringify(map)).toBe('{"a":1,"__proto__":3}');
    // A finished or dropped operation's entry is deleted: it must stay configurable.
    delete map['__proto__'];
    expect(own(map, '__proto__')).toBeUndefined();
  });
});
