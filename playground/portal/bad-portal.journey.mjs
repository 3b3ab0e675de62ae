// A journey for bad-portal.html: clicks every button, each of which breaks one rule of the
// Mobile Plans documents. `mobile-plans test-portal playground/portal/bad-portal.html --journey playground/portal/bad-portal.journey.mjs` exits 1.

export async function beforeLoad({ page }) {
  await page.route('**/playground-config.js', (route) => route.fulfill({ contentType: 'text/javascript', body: 'window.PLAYGROUND_HOST_ORIGIN = null;' }));
}

const BUTTONS = ['#buy-inline', '#buy-bad-code', '#buy-later', '#cancel-typo', '#cancel-plan-name', '#legacy-object', '#balance-bad-iccid'];

export default async function ({ page, sim }) {
  for (const button of BUTTONS) {
    await page.click(button);
    await sim.settle(); // each operation to its end, so its callbacks (and their mistakes) show
  }
}
