// A journey for good-portal.html: `mobile-plans test-portal playground/portal/good-portal.html --journey playground/portal/good-portal.journey.mjs`
// It buys a plan installed now, one installed later (the toast after 15 minutes), and adds balance.

/** The page loads /playground-config.js, which only the playground's server makes: answer it here. */
export async function beforeLoad({ page }) {
  await page.route('**/playground-config.js', (route) => route.fulfill({ contentType: 'text/javascript', body: 'window.PLAYGROUND_HOST_ORIGIN = null;' }));
}

export default async function ({ page, sim }) {
  await page.click('#buy-inline');
  await sim.advance(1);
  await page.getByText('Network: home').first().waitFor();

  await page.click('#buy-later');
  await sim.advance(15); // the delay rounds up to 15 minutes: the toast shows then
  await sim.acceptToast();
  await sim.advance(1);

  await page.click('#add-balance');
}
