import { portalLaunch, type PortalLaunch } from '../portal/launch';
import type { SimulatedDevice } from './device/index';

/** How the simulated app opens the portal; every field is optional. */
export interface SimulatorLaunchOptions {
  /** The portal address the app opens. Default: the page's own address when it is `https`, else `https://` and the first allowed host. */
  readonly portalUrl?: string;
  /** The plan's market, ISO 3166-1 alpha-2. Default `US`. */
  readonly market?: string;
  /** Where the user is, ISO 3166-1 alpha-2. Default `US`. */
  readonly location?: string;
  /** The user's languages, most preferred first. Default `en-US`. */
  readonly language?: string | readonly string[];
}

/** The host a launch falls back on when neither the page nor the allow-list gives a usable `https` address. */
const FALLBACK_PORTAL_HOST = 'portal.example.com';

/**
 * The launch the simulated app makes (decision D30): the device's EID, its physical SIM's ICCID,
 * the ICCIDs already on its eUICC, market, location and transaction id, through `portalLaunch`.
 * @throws PortalLaunchError when a given value is wrong (a market of `XX`, a long transaction id, ...)
 */
export function simulatedLaunch(device: SimulatedDevice, transactionId: string, pageAddress: string, allowedHosts: readonly string[], options: SimulatorLaunchOptions = {}): PortalLaunch {
  const fallbackHost = allowedHosts.find((host) => !host.startsWith('*.')) ?? FALLBACK_PORTAL_HOST;
  // A development page (http://localhost) is not a launchable portal address: launch the operator's host instead.
  const portalUrl = options.portalUrl ?? (pageAddress.startsWith('https://') ? pageAddress : `https://${fallbackHost}/`);
  const physical = device.modem.physicalIccid();
  const onEuicc = device.euicc.profiles().map((profile) => profile.iccid);
  return portalLaunch({
    portalUrl,
    allowedHosts: options.portalUrl === undefined && !pageAddress.startsWith('https://') ? [...allowedHosts, fallbackHost] : allowedHosts,
    eid: device.euicc.eid,
    ...(physical === null ? {} : { iccid: physical }),
    ...(onEuicc.length === 0 ? {} : { iccids: onEuicc }),
    market: options.market ?? 'US',
    location: options.location ?? 'US',
    transactionId,
    language: options.language ?? 'en-US',
  });
}

/** Put the launch's query on the page's own address, as the app's web view would have opened it (same origin only; never reloads). */
export function showLaunchOnPage(page: object, launch: PortalLaunch): void {
  const { location, history } = page as { location?: { href?: unknown }; history?: { replaceState?: (data: unknown, unused: string, url: string) => void } };
  if (typeof location?.href !== 'string' || typeof history?.replaceState !== 'function') return;
  try {
    const here = new URL(location.href);
    const target = new URL(launch.url);
    if (here.origin !== target.origin) return;
    for (const [name, value] of target.searchParams) here.searchParams.set(name, value);
    history.replaceState(null, '', here.href);
  } catch {
    // A page whose address cannot be rewritten keeps it; the launch is still on the controller.
  }
}
