// Run with plain `node`: one complete flow, the host on the simulated device, as a host engineer
// would write it: an inline download to a connected line, both callbacks delivered.
import assert from 'node:assert/strict';
import { createHost, maskActivationCode } from 'mobile-plans-fulfillment';
import { createSimulatedDevice } from 'mobile-plans-fulfillment/sim';

const callbacks = [];
const device = createSimulatedDevice({ onCallback: (operationId, script, args) => callbacks.push({ operationId, script, args: JSON.parse(args) }) });
const host = createHost({ effects: device.effects });
device.attach(host);
await host.start();

const activationCode = '1$smdp.example.com$SMOKE-TEST-CODE';
const reply = host.call({
  kind: 'profileDownload',
  entryPoint: 'MobilePlansInlineOperations.notifyProfileDownload',
  metadata: { userAccount: 'New', purchaseInstrument: 'New', lineType: 'New', moDirectStatus: 'Complete', planName: 'Smoke 1GB' },
  activationCode,
});
assert.equal(reply.type, 'operation', JSON.stringify(reply));
await host.idle();
await device.clock.advanceAsync(10_000); // the simulated modem registers on the virtual clock
await host.idle();

const operation = host.operations().find((candidate) => candidate.id === reply.operationId);
assert.equal(operation?.state, 'connected', JSON.stringify(host.operations()));
assert.deepEqual(callbacks[0]?.script, 'profileActivationComplete');
assert.equal(callbacks[0]?.args.activationResult, 'success');
assert.equal(callbacks.at(-1)?.script, 'registrationChanged');
assert.equal(callbacks.at(-1)?.args.networkRegistrationState, 'home');
host.stop();
console.log(`${reply.operationId} (${maskActivationCode(activationCode)}): ${operation.state}; callbacks ${callbacks.map((c) => c.script).join(', ')}`);
