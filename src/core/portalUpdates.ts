import type { NetworkRegistrationState } from '../domain/enums';
import { markChanged } from './changes';
import type { Command } from './commands';
import type { CoreState, FinishedRecord } from './state';

/*
 * An inline download that connected while its portal is open keeps telling that portal about
 * its profile's registration (roaming starts, the network denies it, ...), as the
 * `registrationChanged` callback promises, up to a bound and only while that portal stays open
 * (decision D41). The finished operation's report and history are not touched again.
 */

/** How many registration changes an open portal still hears after its operation connected. */
export const PORTAL_UPDATES_AFTER_CONNECT = 10;

/** A finished operation starts listening for its open portal when it ended connected. */
export function listenAfterConnect(state: CoreState, record: FinishedRecord): void {
  if (state.portalOpen && record.report.outcome === 'connected' && record.report.iccid !== null) record.portalUpdatesLeft = PORTAL_UPDATES_AFTER_CONNECT;
}

/** Deliver a registration change to the open portal of each finished operation on `iccid`; true when one was delivered. */
export function deliverPortalUpdates(state: CoreState, iccid: string, registration: NetworkRegistrationState, out: Command[]): boolean {
  if (!state.portalOpen) return false;
  // Most registration changes come with no finished operation kept: nothing to list.
  // Stryker disable next-line ConditionalExpression: equivalent; a shortcut, with no finished record the loop below finds none
  if (state.finishedOrder.length === 0) return false;
  let delivered = false;
  for (const record of Object.values(state.finished)) {
    const left = record.portalUpdatesLeft;
    if (left === undefined || record.report.iccid !== iccid) continue;
    out.push({ type: 'portal.callback', operationId: record.id, script: 'registrationChanged', args: JSON.stringify({ networkRegistrationState: registration, iccid }) });
    if (left <= 1) delete record.portalUpdatesLeft;
    else record.portalUpdatesLeft = left - 1;
    markChanged(state, record.id);
    delivered = true;
  }
  return delivered;
}

/** The portal closed or another was launched: no finished operation talks to it any more. */
export function stopPortalUpdates(state: CoreState): void {
  // Stryker disable next-line ConditionalExpression: equivalent; a shortcut, with no finished record the loop below finds none
  if (state.finishedOrder.length === 0) return;
  for (const record of Object.values(state.finished)) {
    if (record.portalUpdatesLeft === undefined) continue;
    delete record.portalUpdatesLeft;
    markChanged(state, record.id);
  }
}
