/*
 * The reference host process the kill test (test/e2e/referenceHost.kill.test.ts) SIGKILLs: the
 * reference session (host in Node, portal page in headless Chromium over the CDP binding) on the
 * durable kit, `fileStorage(dir)` and `createScheduler()`, on a clock that runs SPEED times faster
 * than the wall clock, so the spec's 15-minute delay passes in seconds. What the outside world
 * sees (downloads, the scheduled deadline, toasts, reports) goes to an append-only log, one JSON
 * line per event, fsynced: the parent counts across lives there, not in a process it killed.
 *
 * Environment: KILL_DIR (holding page-script.js and portal.html, written by the parent: the
 * bundled child cannot find them next to the sources), KILL_T0 and KILL_START (wall-clock ms and virtual ms at the same moment), KILL_LIFE, KILL_SPEED, and
 * KILL_HAND_OFF=1 (the portal hands off a delayed download; else wait for a report, then exit).
 */
import { closeSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { openPortalBrowser, PORTAL_URL } from '../../../reference-host/browser';
import { startReferenceHost } from '../../../reference-host/host';
import { createScheduler, fileStorage } from '../../../src/node/index';

const dir = process.env['KILL_DIR']!;
const t0 = Number(process.env['KILL_T0']);
const start = Number(process.env['KILL_START']);
const life = Number(process.env['KILL_LIFE']);
const speed = Number(process.env['KILL_SPEED']);
const handOff = process.env['KILL_HAND_OFF'] === '1';

const logFd = openSync(join(dir, 'events.log'), 'a');
const log = (event: Record<string, unknown>): void => {
  writeSync(logFd, `${JSON.stringify({ life, at: now(), ...event })}\n`);
  fsyncSync(logFd);
};
const now = (): number => start + (Date.now() - t0) * speed;
const scheduler = createScheduler({ now, setTimeout: (callback, ms) => setTimeout(callback, ms / speed), clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout) });

const web = await openPortalBrowser({ pageScript: readFileSync(join(dir, 'page-script.js'), 'utf8'), pages: { [PORTAL_URL]: readFileSync(join(dir, 'portal.html'), 'utf8') } });
const ref = await startReferenceHost({
  transport: web.transport,
  storage: fileStorage(join(dir, 'store')),
  scheduler,
  now,
  acceptToasts: true,
  device: {
    onTrace: (entry) => {
      if (entry.kind !== 'command') return;
      const data = entry.data as { type?: string; at?: number };
      if (data.type === 'lpa.download') log({ kind: 'download', op: entry.operationId });
      if (data.type === 'ui.scheduled') log({ kind: 'scheduled', op: entry.operationId, deadline: data.at });
    },
  },
  onToast: (operationId) => log({ kind: 'toast', op: operationId }),
  onReport: (report) => log({ kind: 'report', op: report.operationId, outcome: report.outcome }),
});
await web.page.goto(PORTAL_URL);
log({ kind: 'started' });

if (handOff) {
  const op = await web.page.evaluate(() => (window as unknown as { portal: { delayed(): { id: string } } }).portal.delayed().id);
  // Handed off once the host has stored it: what a kill may not lose.
  while (!ref.host.operations().some((o) => o.id === op && o.state === 'scheduled')) await new Promise((resolve) => setTimeout(resolve, 10));
  await ref.host.idle();
  log({ kind: 'handedOff', op });
} else {
  while (ref.reports().length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
  await ref.host.idle();
  ref.stop(); // disposes the scheduler too
  await web.close();
  log({ kind: 'finished' });
  closeSync(logFd);
  process.exit(0);
}
