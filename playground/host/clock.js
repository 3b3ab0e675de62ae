/**
 * The virtual clock's two modes, and what it says about itself. Manual: time stands still until
 * a +1/+15/+60 min button. Running: the page advances the simulator's clock every quarter second
 * at real time, ×60 or ×900. Either way the panel shows the mode, the next deadline ("toast for
 * op-1 in 14:32") and, when the clock stands still with work waiting, that nothing will happen
 * until it moves.
 */

/** How often a running clock advances the simulator, in real milliseconds. */
const TICK_MS = 250;

/** The running speeds: virtual milliseconds per real millisecond. */
export const SPEEDS = { manual: 0, real: 1, x60: 60, x900: 900 };

/**
 * A duration as `m:ss`, or `h:mm:ss` from an hour.
 *
 * @param {number} ms
 * @example countdown(872_000) // '14:32'
 */
export function countdown(ms) {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const pad = (n) => String(n).padStart(2, '0');
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/**
 * What the next entry on the clock will do, in words.
 *
 * @param {{ id: string | null, label: string | null, at: number }} entry - a host deadline (id) or device work (label)
 * @param {(operationId: string) => string | null} deadlineMeaning - what an operation's deadline leads to, from its statechart
 */
export function describeWaiting(entry, deadlineMeaning) {
  if (entry.id !== null) return `${deadlineMeaning(entry.id) ?? 'deadline'} for ${entry.id}`;
  const label = entry.label ?? 'device work';
  const download = /^download (\S+)$/.exec(label);
  if (download) return `the download of ${download[1]} finishes`;
  return label;
}

/**
 * Wire the clock panel.
 *
 * @param {{ advance: (minutes: number) => Promise<unknown>, modeInputs: NodeListOf<HTMLInputElement>, modeText: HTMLElement, onModeChange: () => void }} parts
 */
export function createClock({ advance, modeInputs, modeText, onModeChange }) {
  let speed = SPEEDS.manual;
  let timer = null;
  let busy = false;
  let last = 0;

  const tick = async () => {
    if (busy) return;
    busy = true;
    const now = performance.now();
    const elapsed = Math.min(now - last, 4 * TICK_MS); // a background tab does not jump hours ahead
    last = now;
    try {
      if (elapsed > 0) await advance((elapsed * speed) / 60_000);
    } finally {
      busy = false;
    }
  };

  const setMode = (mode) => {
    speed = SPEEDS[mode] ?? 0;
    clearInterval(timer);
    timer = null;
    if (speed > 0) {
      last = performance.now();
      timer = setInterval(tick, TICK_MS);
    }
    modeText.textContent =
      speed === 0
        ? 'Manual: time stands still until you press a button.'
        : speed === 1
          ? 'Running in real time: one second is one second.'
          : `Running ×${speed}: one real second is ${countdown(speed * 1000)} of virtual time.`;
    onModeChange();
  };

  for (const input of modeInputs) input.addEventListener('change', () => input.checked && setMode(input.value));
  setMode([...modeInputs].find((i) => i.checked)?.value ?? 'manual');

  return {
    /** Whether the clock moves on its own. */
    get running() {
      return speed > 0;
    },
    /** Back to manual (e.g. when the portal reloads). */
    stop() {
      const manual = [...modeInputs].find((i) => i.value === 'manual');
      if (manual) manual.checked = true;
      setMode('manual');
    },
  };
}
