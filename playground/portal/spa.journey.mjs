// A journey that buys a plan through the single-page sample portal (playground/portal/spa/):
//   mobile-plans test-portal playground/portal/spa --journey playground/portal/spa.journey.mjs --screenshots shots/
// The operator's order API is stubbed with page.route; the plans come from the served api/plans.json.

export async function beforeLoad({ page }) {
  await page.route('**/api/orders', async (route) => {
    const order = route.request().postDataJSON();
    if (order.plan !== 'unlimited' || typeof order.transactionId !== 'string') return route.fulfill({ status: 400, json: { error: 'bad order' } });
    await route.fulfill({ json: { activationCode: '1$smdp.example.com$NORTHWIND-ORDER-0001' } });
  });
}

export default async function ({ page, sim }) {
  await page.getByRole('button', { name: /Unlimited Monthly/ }).click();
  await page.getByRole('button', { name: 'Buy and install now' }).click();
  await page.getByText('Your eSIM is being installed').waitFor();
  await sim.advance(1); // the download, the enable and the network registration take a few virtual seconds
  await page.getByText('Network: home').waitFor();
}
