/**
 * `npm run reference-host`: the reference host, running. Node runs `createHost` on the simulated
 * eUICC and modem; Chromium (headless unless `--headed`) shows the sample portal at
 * https://portal.example.com/ with the web-view page script, bridged over the CDP binding.
 * The host's diagnostics, reports and the page's console are printed here; `--demo` clicks
 * through an inline download, a delayed download and its cancel, and a balance addition.
 * Ctrl+C stops.
 */
import { PORTAL_URL } from './browser';
import { startReferenceSession } from './session';

const args = new Set(process.argv.slice(2));
const session = await startReferenceSession({
  headed: args.has('--headed'),
  acceptToasts: true,
  device: { profiles: [{ iccid: '8988247000101997790' }] },
  onDiagnostic: (notice) => console.log(`[host] ${notice.diagnostic.severity}: ${notice.diagnostic.message}`),
  onReport: (report) => console.log(`[host] report ${report.operationId}: ${report.outcome}`),
  onToast: (operationId) => console.log(`[host] toast for ${operationId} (accepted)`),
});
session.web.context.on('console', (message) => console.log(`[page] ${message.text()}`));
await session.web.page.goto(PORTAL_URL);
console.log(`Reference host running. Chromium shows ${PORTAL_URL} (served by request interception, bridged over the CDP binding).`);
console.log(args.has('--headed') ? 'Click the portal\'s buttons in the browser window.' : 'Headless: run with -- --headed (needs a display) to click the buttons yourself, or -- --demo to click through them here.');
console.log('Ctrl+C stops.');

if (args.has('--demo')) {
  for (const button of ['inline', 'delayed', 'cancel', 'balance']) {
    await session.web.page.click(`#${button}`);
    await new Promise((resolve) => setTimeout(resolve, 4000));
  }
  await session.close();
} else {
  process.once('SIGINT', () => void session.close().then(() => process.exit(0)));
}
