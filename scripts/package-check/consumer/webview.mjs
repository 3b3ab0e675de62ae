// Run with plain `node` in a project that installed only the tarball: the web-view page script,
// found through the package (the ./webview-page file, the same as pageScriptUrl()), runs in a
// node:vm "page" whose CDP binding is a nativeTransport; createWebViewEndpoint on createHost and
// createSimulatedDevice takes its messages; an inline download's callbacks come back to the page.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { createHost } from 'mobile-plans-fulfillment';
import { createSimulatedDevice } from 'mobile-plans-fulfillment/sim';
import { PAGE_NAMES, createWebViewEndpoint, nativeTransport, pageScriptUrl } from 'mobile-plans-fulfillment/webview';

const file = fileURLToPath(import.meta.resolve('mobile-plans-fulfillment/webview-page'));
assert.equal(fileURLToPath(pageScriptUrl()), file, 'pageScriptUrl() is the ./webview-page file');
const script = readFileSync(file, 'utf8');

const bridge = nativeTransport();
let endpoint;
const device = createSimulatedDevice({ onCallback: (id, name, args) => endpoint.deliver(id, name, args) });
const host = createHost({ effects: device.effects });
device.attach(host);
await host.start();
endpoint = createWebViewEndpoint(host, { allowedHosts: ['portal.example.com'], transport: bridge });

const heard = [];
const url = new URL('https://portal.example.com/buy');
const page = vm.createContext({ URL, crypto: globalThis.crypto, setTimeout, queueMicrotask, console, location: { href: url.href, host: url.host, protocol: url.protocol, origin: url.origin }, heard });
const later = (action) => setImmediate(action);
page[PAGE_NAMES.cdpBinding] = (message) => later(() => bridge.receive(message, url.href, (reply) => later(() => page[PAGE_NAMES.receive](reply))));
vm.runInContext(script, page, { filename: 'mobile-plans-webview.js' });
const op = vm.runInContext(`
  function onDone(args) { heard.push(['profileActivationComplete', JSON.parse(args)]); }
  function onReg(args) { heard.push(['registrationChanged', JSON.parse(args)]); }
  MobilePlansInlineOperations.profileActivationCompleteScript = 'onDone';
  MobilePlansInlineOperations.registrationChangedScript = 'onReg';
  MobilePlansInlineOperations.notifyProfileDownload({ userAccount: 'New', moDirectStatus: 'Complete', planName: 'Plan' }, '1$smdp.example.com$PACKAGE-CHECK-1');
`, page);
assert.match(op.id, /^wv-/, 'the page got its operation context at once');
const finished = () => host.operations().length > 0 && host.operations().every((o) => !o.live);
for (let i = 0; i < 200 && !finished(); i++) {
  await new Promise((resolve) => setImmediate(resolve));
  await device.clock.advanceAsync(1000);
}
for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
const [operation] = host.operations();
assert.equal(operation?.outcome, 'connected', `the operation: ${JSON.stringify(operation)}`);
assert.deepEqual([...new Set(heard.map(([name]) => name))].sort(), ['profileActivationComplete', 'registrationChanged']);
assert.equal(heard[0][1].activationResult, 'success');
console.log(`${script.split('\n', 1)[0]}\npage script ${(script.length / 1024).toFixed(1)} KiB; ${op.id.slice(0, 3)}… ${operation.outcome}; the page heard ${heard.map(([name]) => name).join(', ')}`);
