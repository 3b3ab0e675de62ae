import { createHost, type Effects, type Host, type Quarantined } from 'mobile-plans-fulfillment';
import { consoleReporter, createScheduler, fileStorage, type LineSink } from 'mobile-plans-fulfillment/node';

/** What the host application brings: its LPA, modem and screens, and its portal web view (`callback`). */
export interface Platform extends Pick<Effects, 'lpa' | 'modem' | 'ui' | 'callback'> {
  /** Send the modem's registration changes and the user's answers to `host`. */
  connect(host: Host): void;
}

/** A running host and the way to shut it down so that the process can exit. */
export interface DurableHost {
  readonly host: Host;
  shutdown(): void;
}

/**
 * A complete host on the durable kit: its state in `directory` (atomic files, survives a crash
 * at any moment), timers on the wall clock (waits of 30 days, overdue ones after a sleep),
 * reports and diagnostics as JSON lines on `log` with the matching ID masked.
 */
export async function startDurableHost(platform: Platform, directory: string, log: LineSink = process.stderr): Promise<DurableHost> {
  const scheduler = createScheduler();
  const { report, diagnostic } = consoleReporter({ format: 'jsonl', stream: log });
  const host = createHost({
    effects: {
      now: () => Date.now(), // the scheduler's clock too
      lpa: platform.lpa,
      modem: platform.modem,
      ui: platform.ui,
      callback: (operationId, script, args) => platform.callback(operationId, script, args),
      scheduler,
      storage: fileStorage(directory),
      report,
      diagnostic,
    },
    // A damaged record is set aside and the rest resumes. It holds credentials: keep it like the store, never in a log.
    onQuarantine: (quarantined: Quarantined) => void log.write(`${JSON.stringify({ type: 'quarantined', kind: quarantined.kind, reason: quarantined.reason })}\n`),
  });
  platform.connect(host);
  await host.start(); // load the directory (finishing a write a crash interrupted), re-arm every deadline, resume
  return {
    host,
    shutdown() {
      host.stop();
      scheduler.dispose();
    },
  };
}
