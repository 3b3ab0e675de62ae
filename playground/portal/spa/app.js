// Northwind Mobile: a small single-page portal. Routes are paths handled in the page
// (history.pushState), handlers are attached with addEventListener, plans and orders come from
// the operator's API with fetch. The hand-off happens after an await, in a click handler.

const view = document.getElementById('view');
const params = new URLSearchParams(location.search);
// The launch parameters the Mobile Plans app puts on the portal URL: kept for the whole visit.
const launch = { eid: params.get('eid'), market: params.get('market'), transactionId: params.get('transactionId') };
const status = [];

// The callbacks are functions here (the documents also allow a global function's name).
MobilePlansInlineOperations.profileActivationCompleteScript = (args) => note(`Activation: ${JSON.parse(args).activationResult}`);
MobilePlansInlineOperations.registrationChangedScript = (args) => note(`Network: ${JSON.parse(args).networkRegistrationState}`);

function note(text) {
  status.push(text);
  const list = document.getElementById('status');
  if (list !== null) list.append(item(text));
}

function item(text) {
  const li = document.createElement('li');
  li.textContent = text;
  return li;
}

async function showPlans() {
  view.innerHTML = '<h2>Choose a plan</h2><p>Loading plans…</p>';
  const plans = await (await fetch('/api/plans.json')).json();
  view.innerHTML = '<h2>Choose a plan</h2>';
  for (const plan of plans) {
    const button = document.createElement('button');
    button.className = 'plan';
    button.dataset.plan = plan.id;
    button.textContent = `${plan.name}, ${plan.price}`;
    button.addEventListener('click', () => navigate(`/plans/${plan.id}`));
    view.append(button);
  }
}

async function showCheckout(planId) {
  const plans = await (await fetch('/api/plans.json')).json();
  const plan = plans.find((p) => p.id === planId);
  if (plan === undefined) return navigate('/');
  view.innerHTML = `<h2>${plan.name}</h2><p>${plan.price} a month, on the eSIM of this device.</p>`;
  const buy = document.createElement('button');
  buy.className = 'primary';
  buy.id = 'buy';
  buy.textContent = 'Buy and install now';
  buy.addEventListener('click', () => buyPlan(plan));
  view.append(buy);
}

async function buyPlan(plan) {
  const response = await fetch('/api/orders', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ plan: plan.id, eid: launch.eid, transactionId: launch.transactionId }),
  });
  if (!response.ok) throw new Error(`the order failed: ${response.status}`);
  const order = await response.json();
  const metadata = MobilePlans.createPurchaseMetaData();
  metadata.userAccount = MobilePlansUserAccount.new;
  metadata.purchaseInstrument = MobilePlansPurchaseInstrument.new;
  metadata.lineType = MobilePlansLineType.new;
  metadata.moDirectStatus = MobilePlansMoDirectStatus.complete;
  metadata.planName = plan.name;
  const operation = MobilePlansInlineOperations.notifyProfileDownload(metadata, order.activationCode);
  navigate(`/done/${operation.id}`);
}

function showDone(operationId) {
  view.innerHTML = `<h2>Thank you</h2><p>Your eSIM is being installed (operation ${operationId}).</p><ol id="status"></ol>`;
  document.getElementById('status').append(...status.map(item));
}

function route() {
  const path = location.pathname;
  const plan = /^\/plans\/([\w-]+)$/.exec(path);
  const done = /^\/done\/([\w-]+)$/.exec(path);
  if (plan !== null) return showCheckout(plan[1]);
  if (done !== null) return showDone(done[1]);
  return showPlans();
}

function navigate(path) {
  // The query holds the launch parameters: keep it on every route.
  history.pushState(null, '', `${path}${location.search}`);
  return route();
}

document.addEventListener('click', (event) => {
  const link = event.target.closest('a[data-route]');
  if (link === null) return;
  event.preventDefault();
  navigate(new URL(link.href).pathname);
});
window.addEventListener('popstate', route);
route();
