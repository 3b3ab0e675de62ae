// A typed consumer of every entry point but ./machines (see typed-machines.ts), compiled by
// scripts/check-package.ts with tsconfig.nodenext.json and with tsconfig.bundler.json.
import { createHost, parseActivationCode, roundDelay, validateMetadata, type CoreState, type Diagnostic, type Effects, type Host, type PortalCall, type Reply } from 'mobile-plans-fulfillment';
import { createPortalApi, MobilePlansSecurityError, type PortalApiOptions } from 'mobile-plans-fulfillment/portal';
import { createSimulatedDevice, startSimulator, type SimulatedDevice, type Simulator, type TraceEntry } from 'mobile-plans-fulfillment/sim';
import { ACTIVATION_ERROR_DESCRIPTIONS, type ActivationErrorDescription } from 'mobile-plans-fulfillment/descriptions';
import { createWebViewEndpoint, nativeTransport, type NativeTransport, type WebViewEndpoint } from 'mobile-plans-fulfillment/webview';

import { consoleReporter, createScheduler, fileStorage, type FileStorage, type LineSink, type Scheduler } from 'mobile-plans-fulfillment/node';

export function embed(effects: Effects): Host {
  return createHost({ effects });
}

export function hand(host: Host, activationCode: string): Reply {
  const call: PortalCall = {
    kind: 'profileDownload',
    entryPoint: 'MobilePlansInlineOperations.notifyProfileDownload',
    metadata: { userAccount: 'New', moDirectStatus: 'Complete', planName: 'Typed 1GB' },
    activationCode,
  };
  return host.call(call);
}

export function saved(host: Host): CoreState {
  return host.state();
}

export const options: PortalApiOptions = { origin: 'https://portal.example.com/buy', allowedHosts: ['portal.example.com'] };
export const portal = (host: Host) => createPortalApi(host, options);
export const refused = (error: unknown): boolean => error instanceof MobilePlansSecurityError;

export const device: SimulatedDevice = createSimulatedDevice();
export const simulator = (): Simulator => startSimulator({ global: {}, origin: 'https://portal.example.com/', allowedHosts: ['portal.example.com'] });
export const timeline = (sim: Simulator): readonly TraceEntry[] => sim.trace();

const parsed = parseActivationCode('1$smdp.example.com$TYPED');
export const address: string | undefined = parsed.ok ? parsed.value.address : undefined;
export const delay: number = roundDelay(5);
export const problems: readonly Diagnostic[] = validateMetadata({ planName: 'x' }).diagnostics;
export const description: ActivationErrorDescription = ACTIVATION_ERROR_DESCRIPTIONS.invalidIccid;

export const bridge: NativeTransport = nativeTransport();
export const endpoint = (host: Host): WebViewEndpoint => createWebViewEndpoint(host, { allowedHosts: ['portal.example.com'], transport: bridge });

// The durable kit types as a host writes them: storage, scheduler and reporter are effects.
export function durableEffects(directory: string, log: LineSink): Pick<Effects, 'storage' | 'scheduler' | 'report' | 'diagnostic'> & { scheduler: Scheduler } {
  const storage: FileStorage = fileStorage(directory);
  return { storage, scheduler: createScheduler({ recheckEveryMs: 30_000 }), ...consoleReporter({ format: 'text', stream: log }) };
}
