import { readFile, rename, writeFile } from 'node:fs/promises';
import { createHost, type CoreState, type Effects, type Host } from 'mobile-plans-fulfillment';

/** What the host application brings: its LPA, modem and screens, and its portal web view (`callback`). */
export interface Platform extends Pick<Effects, 'lpa' | 'modem' | 'ui' | 'callback'> {
  /** Send the modem's registration changes and the user's answers to `host`. */
  connect(host: Host): void;
}

const MAX_WAIT = 2 ** 31 - 1; // setTimeout's limit, about 24.8 days

/** A complete host: its state in one JSON file saved ahead of every command, real timers, logged reports. */
export async function startMinimalHost(platform: Platform, stateFile: string): Promise<Host> {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const clear = (timerId: string): void => {
    clearTimeout(timers.get(timerId));
    timers.delete(timerId);
  };
  const set = (timerId: string, at: number, fire: () => void): void => {
    clear(timerId);
    const wait = Math.max(0, at - Date.now());
    // Past the limit, wake early and wait again (an early firing would also be re-armed by the core, one step later).
    const wake = () => (wait > MAX_WAIT ? set(timerId, at, fire) : (timers.delete(timerId), fire()));
    timers.set(timerId, setTimeout(wake, Math.min(wait, MAX_WAIT)));
  };
  let writing: Promise<void> = Promise.resolve();
  const effects: Effects = {
    now: () => Date.now(),
    lpa: platform.lpa,
    modem: platform.modem,
    ui: platform.ui,
    callback: (operationId, script, args) => platform.callback(operationId, script, args),
    scheduler: { set, clear },
    storage: {
      load: () =>
        readFile(stateFile, 'utf8').then(
          (text) => JSON.parse(text) as CoreState,
          (error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? null : Promise.reject(error)),
        ),
      save(document) {
        const json = JSON.stringify(document); // serialize now: the core goes on changing this object
        const temporary = `${stateFile}.tmp`; // write, then rename: a crash leaves the old or the new file
        return (writing = writing.catch(() => {}).then(() => writeFile(temporary, json)).then(() => rename(temporary, stateFile)));
      },
    },
    report: (report) => console.log('report', JSON.stringify(report)),
    diagnostic: (notice) => console.warn('diagnostic', JSON.stringify(notice)),
  };
  const host = createHost({ effects });
  platform.connect(host);
  await host.start(); // load the file, re-arm every deadline (an overdue one fires at once), resume
  return host;
}
