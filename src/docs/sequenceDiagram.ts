import { maskActivationCode } from '../domain/activationCode';
import type { Command } from '../core/commands';
import type { PortalCall, Reply } from '../core/inputs';
import { PATH_START, type Exchange, type MainPath } from './mainPath';
import { duration } from './markdown';
import { diagram, mermaidText } from './mermaid';

/** The participants of every sequence diagram, in the order they are drawn. */
export const PARTICIPANTS = ['participant Portal', 'participant Host', 'participant LPA as LPA/SM-DP+', 'participant Modem', 'participant User'] as const;

const at = (ms: number) => `+${duration(ms - PATH_START)}`;

/**
 * A Mermaid `sequenceDiagram` of a flow's main path: every input the real core received on
 * the path and every command it emitted, as arrows between Portal, Host, LPA/SM-DP+, Modem and
 * User. Nothing is drawn by hand: change a machine or the core and the diagram follows.
 *
 * @param path - the main path from {@link mainPath}
 */
export function sequenceDiagram(path: MainPath): string {
  const lines: string[] = ['autonumber', ...PARTICIPANTS];
  let clock = PATH_START;
  for (const exchange of path.exchanges) {
    if (exchange.input.now > clock) {
      lines.push(`Note over Portal,User: ${at(exchange.input.now)}`);
      clock = exchange.input.now;
    }
    lines.push(...inputLines(exchange));
    lines.push(...exchange.commands.flatMap(commandLines));
  }
  if (path.divergence !== null) lines.push(`Note over Host: ${mermaidText(`⚠ the core diverges from the model: ${path.divergence}`)}`);
  return diagram('sequenceDiagram', lines);
}

function inputLines({ input, reply }: Exchange): string[] {
  const m = (text: string) => mermaidText(text);
  switch (input.type) {
    case 'portal.launched':
      return [`Host->>Portal: ${m(`open the portal (transactionId ${input.transactionId})`)}`];
    case 'portal.closed':
      return ['Portal->>Host: portal closed'];
    case 'portal.call':
      return [`Portal->>Host: ${m(callLabel(input.call))}`, `Host-->>Portal: ${m(replyLabel(reply))}`];
    case 'portal.cancel':
      return [`Portal->>Host: ${m(`notifyOperationCancel({ id: "${input.operationId}" })`)}`, `Host-->>Portal: ${m(replyLabel(reply))}`];
    case 'timer.fired':
      return ['Note over Host: the deadline passes (timer fired)'];
    case 'lpa.progress':
      return [`LPA-->>Host: progress ${input.percent}%`];
    case 'lpa.downloaded':
      return [`LPA-->>Host: downloaded, ICCID ${input.iccid}`];
    case 'lpa.discovered':
      return [`LPA-->>Host: ${m(`SM-DS has a profile: ${maskActivationCode(input.activationCode)}`)}`];
    case 'lpa.nothingDiscovered':
      return ['LPA-->>Host: SM-DS has nothing yet'];
    case 'lpa.enabled':
      return ['LPA-->>Host: enabled'];
    case 'lpa.profile':
      return [`LPA-->>Host: the profile is ${input.state}`];
    case 'lpa.failed':
      return [`LPA-->>Host: failed: ${input.error}`];
    case 'modem.registration':
      return [`Modem-->>Host: registration ${input.state} (${input.iccid})`];
    case 'modem.failed':
      return [`Modem-->>Host: cannot register: ${input.error}`];
    case 'user.toastAccepted':
      return ['User->>Host: accepts the toast'];
    case 'user.toastDismissed':
      return ['User->>Host: dismisses the toast'];
    case 'user.startDownload':
      return ['User->>Host: starts the download from the app'];
    case 'user.confirmationCode':
      return ['User->>Host: types the confirmation code'];
    case 'user.abort':
      return ['User->>Host: gives up'];
    case 'restore':
      return ['Note over Host: the host restarts and restores its state'];
    case 'report.delivered':
      return []; // bookkeeping: the report arrow is already drawn
  }
}

function commandLines(command: Command): string[] {
  const m = (text: string) => mermaidText(text);
  switch (command.type) {
    case 'lpa.download':
      return [`Host->>LPA: ${m(`download ${maskActivationCode(command.activationCode)}${command.confirmationCode === null ? '' : ' with the confirmation code'}`)}`];
    case 'lpa.discover':
      return ['Host->>LPA: discover the profile on SM-DS'];
    case 'lpa.enable':
      return [`Host->>LPA: enable ${command.iccid}`];
    case 'lpa.queryProfile':
      return [`Host->>LPA: is ${command.iccid} on the eUICC, and enabled?`];
    case 'scheduler.set':
      return [`Host->>Host: arm the deadline for ${at(command.at)}`];
    case 'scheduler.clear':
      return ['Host->>Host: clear the deadline'];
    case 'modem.register':
      return [`Host->>Modem: register ${command.iccid}`];
    case 'ui.progress':
      return [`Host->>User: progress: ${command.stage}${command.percent === null ? '' : ` ${command.percent}%`}`];
    case 'ui.scheduled':
      return [`Host->>User: notice: your profile will be installed at ${at(command.at)}`];
    case 'ui.toast':
      return ['Host->>User: toast: your profile is ready to download'];
    case 'ui.hideToast':
      return ['Host->>User: hide the toast'];
    case 'ui.confirmationCode':
      return [`Host->>User: ask for the confirmation code (attempt ${command.attempt})`];
    case 'ui.returnToApp':
      return ['Host->>User: close the portal, back to the Mobile Plans app'];
    case 'portal.callback':
      return [`Host->>Portal: ${m(`${command.script}Script(${command.args})`)}`];
    case 'report':
      return [`Note over Host: ${m(`report: outcome ${command.report.outcome}${command.report.activationResult === null ? '' : `, activationResult ${command.report.activationResult}`}`)}`];
    case 'diagnostic':
      return [`Note over Host: ${m(`diagnostic ${command.notice.diagnostic.code}`)}`];
  }
}

/** A portal call as the portal wrote it, with the activation code masked. */
export function callLabel(call: PortalCall): string {
  const show = (value: unknown) => JSON.stringify(value) ?? 'undefined';
  const code = (value: unknown) => (typeof value === 'string' ? show(maskActivationCode(value)) : show(value));
  switch (call.kind) {
    case 'profileDownload':
      return `${call.entryPoint}(purchaseMetadata, ${code(call.activationCode)}${call.downloadDelay === undefined ? '' : `, ${show(call.downloadDelay)}`})`;
    case 'purchaseWithProfileDownload':
      return `${call.entryPoint}(purchaseMetadata, ${code(call.activationCode)}, ${show(call.networkRegistrationInterval)})`;
    case 'delayedProfile':
      return `${call.entryPoint}(purchaseMetadata, ${show(call.profileDownloadDelayInterval)})`;
    case 'balanceAddition':
      return `${call.entryPoint}(purchaseMetadata${call.iccid === undefined ? '' : `, ${show(call.iccid)}`})`;
    case 'cancelledPurchase':
      return `${call.entryPoint}(purchaseMetadata)`;
    case 'purchaseResult':
      return `${call.entryPoint}(payload)`;
  }
}

function replyLabel(reply: Reply): string {
  switch (reply.type) {
    case 'operation':
      return `MobilePlansOperationContext { id: "${reply.operationId}" }`;
    case 'cancel':
      return String(reply.cancelled);
    case 'refused':
      return `throws: ${reply.error.message}`;
    case 'accepted':
      return 'accepted';
    case 'ignored':
      return `ignored: ${reply.reason}`;
  }
}
