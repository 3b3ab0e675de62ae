/**
 * What the clock panel says about a snapshot: the next thing waiting on the virtual clock, in
 * the statechart's words ("toast for op-1 in 14:32"), and whether anything will happen before
 * the clock moves or the user acts.
 */
import { countdown, describeWaiting } from './clock.js';

/** What an operation's deadline leads to, by the state its timer.fired transition enters. */
const DEADLINE_WORDS = {
  toastShown: 'toast',
  awaitingUser: 'the toast times out',
  expired: 'the offer expires',
  notConnected: 'registration gives up',
  discovering: 'SM-DS discovery',
  waitingToRegister: 'registration retry',
  registering: 'registration',
};

/**
 * A virtual time as an offset from when the portal opened.
 *
 * @param {number} ms
 * @example virtualTime(900_000) // '+00:15:00'
 */
export function virtualTime(ms) {
  const total = Math.floor(Math.max(0, ms) / 1000);
  const pad = (n) => String(n).padStart(2, '0');
  return `+${pad(Math.floor(total / 3600))}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
}

/**
 * The clock panel's two lines for a snapshot.
 *
 * @param {{ virtualMs: number, pending: Array<{ id: string | null, label: string | null, at: number }>, operations: Array<{ id: string, flow: string, state: string }>, screen: { toasts: string[], confirmationPrompts: Record<string, number> } }} snapshot
 * @param {Record<string, { states: Array<{ name: string, transitions: Array<{ event: string, target: string, leaves: boolean }> }> }>} machines
 * @param {boolean} running - whether the clock moves on its own
 * @returns {{ next: string, idle: string[] }}
 */
export function clockStatus(snapshot, machines, running) {
  // Progress ticks are device detail; what matters is the download they lead to.
  const pending = snapshot.pending.filter((p) => !(p.label ?? '').includes('progress')).sort((a, b) => a.at - b.at);
  const first = pending[0];
  const opById = new Map(snapshot.operations.map((op) => [op.id, op]));
  const meaning = (id) => deadlineMeaning(opById.get(id), machines);
  const next = first === undefined ? 'Nothing is waiting on the clock.' : `Next: ${describeWaiting(first, meaning)} in ${countdown(first.at - snapshot.virtualMs)} (at ${virtualTime(first.at)}).`;
  const idle = [
    ...snapshot.screen.toasts.map((id) => `${id} waits for you: accept or dismiss the toast.`),
    ...Object.keys(snapshot.screen.confirmationPrompts).map((id) => `${id} waits for you: type the confirmation code.`),
  ];
  if (!running && first !== undefined) {
    const minutes = (first.at - snapshot.virtualMs) / 60_000;
    const button = minutes <= 1 ? '+1 min' : minutes <= 15 ? '+15 min' : '+60 min';
    idle.unshift(`Nothing will happen until the clock moves: press ${button}, or pick a running mode.`);
  }
  return { next, idle };
}

function deadlineMeaning(op, machines) {
  const state = op && machines[op.flow]?.states.find((s) => s.name === op.state);
  const targets = [...new Set((state?.transitions ?? []).filter((t) => t.event === 'timer.fired' && t.leaves).map((t) => t.target))];
  if (targets.length === 0) return null;
  return targets.map((t) => DEADLINE_WORDS[t] ?? t).join(' or ');
}
