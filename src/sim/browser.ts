/**
 * The browser bundle's entry (`dist/browser/mobile-plans-sim.js`): one global, `MobilePlansSim`,
 * whose `start(options)` installs the portal objects on the page with a simulated device behind
 * them. The page's own address is checked at each call; `localhost` is allowed by default.
 * @example
 * <script src="mobile-plans-sim.js"></script>
 * <script>const sim = MobilePlansSim.start({ allowedHosts: ['portal.example.com'] });</script>
 */
import { startSimulator, type Simulator, type SimulatorOptions } from './simulator';

/**
 * Start the simulator on this page (see `startSimulator`).
 *
 * @param options - allow-list, device and listeners; all optional
 * @returns the controller: `advance`, `acceptToast`, `operations`, `trace`, ...
 */
export function start(options: SimulatorOptions = {}): Simulator {
  return startSimulator(options);
}

export { MobilePlansSecurityError } from '../portal/origin';
