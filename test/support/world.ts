import type { Command, Report } from '../../src/core/commands';
import type { PortalCall, Reply } from '../../src/core/inputs';
import { createHost, type Host, type HostConfig, type ObservedStep } from '../../src/host/host';
import { createSimulatedDevice, type SimulatedDevice, type SimulatedDeviceOptions } from '../../src/sim/device/index';

/** Purchase metadata of a completed purchase, as the current spec's examples build it. */
export const COMPLETE_METADATA = {
  userAccount: 'New',
  purchaseInstrument: 'New',
  lineType: 'New',
  moDirectStatus: 'Complete',
  planName: 'My Plan',
} as const;

/** A matching ID the tests hunt for in everything printable. */
export const SECRET_MATCHING_ID = 'SECRET-MATCHING-ID-4711';
export const ACTIVATION_CODE = `1$smdp.example.com$${SECRET_MATCHING_ID}`;

const MINUTE = 60_000;

/**
 * A host on a simulated device, with every step observed: what the outside world saw.
 */
export interface World {
  readonly device: SimulatedDevice;
  host: Host;
  readonly steps: ObservedStep[];
  /** Virtual minutes since the world started. */
  minutes(): number;
  call(call: PortalCall): Reply;
  /** Advance virtual time, letting slow (promise) effects answer in between. */
  advance(minutes: number): Promise<void>;
  /** Every command the host was given, in order (optionally for one operation). */
  commands(operationId?: string): Command[];
  /** The command types, in order, for one operation. */
  commandTypes(operationId: string): string[];
  reports(): Report[];
  callbacks(operationId: string): Array<{ script: string; args: unknown }>;
  /** Persist, drop the host, restore a new one from the stored document. */
  restart(): Promise<void>;
  /** Everything printable the world produced: reports, trace, diagnostics, replies. */
  printable(): string;
}

/** Build a world; `await world.host.start()` has already run. */
export async function createWorld(options: { config?: HostConfig; device?: SimulatedDeviceOptions } = {}): Promise<World> {
  const device = createSimulatedDevice(options.device ?? {});
  const steps: ObservedStep[] = [];
  const startedAt = device.clock.now();
  const newHost = () => createHost({ effects: device.effects, ...(options.config ? { config: options.config } : {}), observe: (s) => steps.push(s) });
  let host = newHost();
  device.attach(host);
  await host.start();
  const commands = (operationId?: string) =>
    steps.flatMap((s) => s.commands).filter((c) => operationId === undefined || operationOf(c) === operationId);
  const world: World = {
    device,
    get host() {
      return host;
    },
    set host(h) {
      host = h;
    },
    steps,
    minutes: () => (device.clock.now() - startedAt) / MINUTE,
    call: (call) => host.call(call),
    advance: (minutes) => device.clock.advanceAsync(minutes * MINUTE),
    commands,
    commandTypes: (operationId) => commands(operationId).map((c) => c.type),
    reports: () => commands().flatMap((c) => (c.type === 'report' ? [c.report] : [])),
    callbacks: (operationId) =>
      commands(operationId).flatMap((c) => (c.type === 'portal.callback' ? [{ script: c.script, args: JSON.parse(c.args) as unknown }] : [])),
    restart: async () => {
      host.stop();
      host = newHost();
      device.attach(host);
      await host.start();
    },
    printable: () => JSON.stringify({ reports: world.reports(), trace: device.trace, replies: steps.map((s) => s.reply), diagnostics: commands().filter((c) => c.type === 'diagnostic') }),
  };
  return world;
}

function operationOf(command: Command): string | null {
  if (command.type === 'report') return command.report.operationId;
  if (command.type === 'diagnostic') return command.notice.operationId;
  if (command.type === 'scheduler.set' || command.type === 'scheduler.clear') return command.timerId;
  return command.operationId;
}

/** The operation id a hand-off reply names. */
export function operationIdOf(reply: Reply): string {
  if (reply.type !== 'operation') throw new Error(`expected an operation, got ${JSON.stringify(reply)}`);
  return reply.operationId;
}

/** A `MobilePlansInlineOperations.notifyProfileDownload` call. */
export function profileDownload(downloadDelay?: number, activationCode: string = ACTIVATION_CODE): Extract<PortalCall, { kind: 'profileDownload' }> {
  return {
    kind: 'profileDownload',
    entryPoint: 'MobilePlansInlineOperations.notifyProfileDownload',
    metadata: COMPLETE_METADATA,
    activationCode,
    ...(downloadDelay === undefined ? {} : { downloadDelay }),
  };
}
