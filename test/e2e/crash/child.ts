/*
 * The host process the crash test kills: `createHost` with the durable kit (fileStorage,
 * createScheduler) and minimal effects, on a clock that runs 600 times faster than the wall
 * clock (15 virtual minutes are 1.5 s). Everything the outside world sees goes to one
 * append-only log, `events.log`, one JSON line per event, written synchronously: SIGKILL
 * does not lose what write(2) handed the kernel (a power cut would; that is fsync's job in
 * fileStorage, not this log's). The parent (durableHost.crash.test.ts) reads it between kills.
 *
 * The simulated eUICC and SM-DP+ are that log too: a profile is installed once (an `install`
 * line), and the SM-DP+ releases an activation code to the operation that installed it only,
 * as a real one does (decision D31); the LPA is idempotent, as the Effects contract asks.
 *
 * Environment: CRASH_DIR, CRASH_T0 (the wall-clock ms at virtual START), CRASH_LIFE,
 * CRASH_TARGET (operations to hand off in all), CRASH_FINISH=1 (start none; exit when every
 * operation has reported).
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentChanges } from '../../../src/core/storedRecords';
import { createHost, type Host } from '../../../src/host/host';
import type { Effects } from '../../../src/host/effects';
import { luhnCheckDigit, SIMULATED_ICCID_PREFIX } from '../../../src/sim/device/euicc';
import { createScheduler, fileStorage } from '../../../src/node/index';
import { digest } from './oracle';

const SPEED = 600;
const START = Date.UTC(2026, 0, 1);
const dir = process.env['CRASH_DIR']!;
const t0 = Number(process.env['CRASH_T0']);
const life = Number(process.env['CRASH_LIFE']);
const target = Number(process.env['CRASH_TARGET']);
const finishing = process.env['CRASH_FINISH'] === '1';
const logPath = join(dir, 'events.log');
const metadata = { userAccount: 'New', purchaseInstrument: 'New', lineType: 'New', moDirectStatus: 'Complete', planName: '' };

const log = (event: Record<string, unknown>): void => appendFileSync(logPath, `${JSON.stringify({ life, ...event })}\n`);
const now = (): number => START + (Date.now() - t0) * SPEED;
const later = (virtualMs: number, action: () => void): void => void setTimeout(action, virtualMs / SPEED);

// What earlier lives did: the eUICC's profiles, the reports taken, the hand-offs made.
const installs = new Map<string, { op: string; iccid: string }>();
const enabled = new Set<string>();
const reported = new Set<string>();
let handOffs = 0;
for (const line of safeRead(logPath).split('\n')) {
  if (line === '') continue;
  let event: { kind?: string; code?: string; op?: string; iccid?: string };
  try {
    event = JSON.parse(line);
  } catch {
    continue; // a line torn by the kill (never seen so far, but the reader must not trust it)
  }
  if (event.kind === 'install') installs.set(event.code!, { op: event.op!, iccid: event.iccid! });
  if (event.kind === 'enable') enabled.add(event.iccid!);
  if (event.kind === 'report') reported.add(event.op!);
  if (event.kind === 'handOff') handOffs += 1;
}

function safeRead(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

let host: Host;
const store = fileStorage(join(dir, 'store'));
let writes = 0;
const scheduler = createScheduler({ now, setTimeout: (callback, ms) => setTimeout(callback, ms / SPEED), clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout) });

const effects: Effects = {
  now,
  newId: () => `op-L${life}-${handOffs}`,
  lpa: {
    async download({ operationId, activationCode, onProgress }) {
      const code = digest(activationCode);
      log({ kind: 'download', op: operationId, code });
      const installed = installs.get(code);
      if (installed !== undefined) {
        if (installed.op === operationId) return { iccid: installed.iccid }; // the same download again: idempotent
        throw { activationError: 'profileNotAvailableForNewBinding' };
      }
      await new Promise((resolve) => later(3_000, () => resolve(undefined)));
      onProgress(50);
      await new Promise((resolve) => later(3_000, () => resolve(undefined)));
      const body = `${SIMULATED_ICCID_PREFIX}${String(installs.size + 1).padStart(4, '0')}`;
      const iccid = `${body}${luhnCheckDigit(body)}`;
      log({ kind: 'install', code, op: operationId, iccid });
      installs.set(code, { op: operationId, iccid });
      return { iccid };
    },
    discover: () => null,
    enable({ iccid }) {
      log({ kind: 'enable', iccid });
      enabled.add(iccid);
    },
    profileState({ iccid }) {
      const installed = [...installs.values()].some((profile) => profile.iccid === iccid);
      return installed ? (enabled.has(iccid) ? 'enabled' : 'disabled') : 'absent';
    },
  },
  modem: { register: ({ iccid }) => later(2_000, () => host.registrationChanged(iccid, 'home')) },
  scheduler,
  ui: {
    progress: () => {},
    scheduled: () => {},
    toast: (operationId) => later(2_000, () => host.user.acceptToast(operationId)),
    hideToast: () => {},
    confirmationCode: () => {},
    returnToApp: () => {},
  },
  storage: {
    load: () => store.load(),
    async write(changes: DocumentChanges) {
      const seq = ++writes;
      log({ kind: 'write', seq, replace: changes.replace, header: changes.header === null ? null : digest(changes.header), put: Object.fromEntries([...changes.put].map(([id, record]) => [id, digest(record)])), remove: changes.remove });
      await store.write(changes);
      log({ kind: 'ack', seq });
    },
  },
  callback: () => {},
  // Reports are at least once (decision D25): this host deduplicates them by operation id, as the host guide says.
  report(report) {
    if (reported.has(report.operationId)) return log({ kind: 'resent', op: report.operationId });
    reported.add(report.operationId);
    log({ kind: 'report', op: report.operationId, outcome: report.outcome });
  },
  diagnostic: ({ operationId, diagnostic }) => log({ kind: 'diagnostic', op: operationId, code: diagnostic.code, message: diagnostic.message }),
};

host = createHost({ effects, // Virtual time runs on while the child is dead: deadlines long enough that a restart under load never misses one.
  config: { retainFinished: 10, lpaTimeoutMs: 6 * 60 * 60_000, timing: { registrationTimeoutMs: 24 * 60 * 60_000 } }, onQuarantine: (quarantined) => log({ kind: 'quarantine', what: quarantined.kind, reason: quarantined.reason }) });
await host.start();
log({ kind: 'started' });
process.stdout.write('started\n'); // the parent times most kills from here

if (!finishing) {
  const handOff = (): void => {
    if (handOffs >= target) return;
    const n = handOffs;
    handOffs += 1;
    // Half inline, half delayed by 15 virtual minutes; each with its own activation code.
    const reply = host.call({ kind: 'profileDownload', entryPoint: 'MobilePlansInlineOperations.notifyProfileDownload', metadata, activationCode: `1$smdp.example.com$M-${life}-${n}-${digest(`${t0}-${n}`)}`, ...(n % 2 === 1 ? { downloadDelay: 15 } : {}) });
    log({ kind: 'handOff', op: reply.type === 'operation' ? reply.operationId : null, reply: reply.type });
  };
  setInterval(handOff, 150);
  handOff();
} else {
  const done = setInterval(() => {
    const state = host.state();
    if (Object.keys(state.operations).length > 0 || Object.values(state.finished).some((op) => op.reportPending)) return;
    clearInterval(done);
    void host.idle().then(() => {
      host.stop();
      scheduler.dispose();
      log({ kind: 'finished' });
    });
  }, 20);
}
