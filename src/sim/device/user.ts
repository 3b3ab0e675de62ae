import type { Host } from '../../host/host';
import type { Trace } from './trace';
import type { SimulatedUi } from './ui';

/** The parts of a host the device drives: registration changes and the user's answers. */
export type AttachableHost = Pick<Host, 'registrationChanged' | 'user' | 'launch' | 'closePortal'>;

/** What the simulated user does: recorded in the trace, then handed to the attached host. */
export interface SimulatedUser {
  /** Accept a toast (default: the oldest one up). */
  acceptToast(operationId?: string): void;
  /** Dismiss a toast (default: the oldest one up). */
  dismissToast(operationId?: string): void;
  /** Start a waiting download from the app. */
  startDownload(operationId: string): void;
  /** Answer the confirmation-code prompt (the code itself is never traced). */
  confirmationCode(operationId: string, code: string): void;
  /** Give up on an operation (e.g. at the confirmation prompt). */
  abort(operationId: string): void;
  /** Open the operator's portal with a transaction id. */
  launchPortal(transactionId: string): void;
  /** Close the portal. */
  closePortal(): void;
}

/**
 * The simulated user of a device: each action is traced, shown on the screen, and handed to
 * whatever host is attached at that moment.
 *
 * @param parts - the device's trace and screen, and a getter for the attached host
 * @example
 * const user = createSimulatedUser({ trace, ui, host: () => host });
 * user.acceptToast(); // the oldest toast up
 */
export function createSimulatedUser(parts: { trace: Trace; ui: SimulatedUi; host: () => AttachableHost | null }): SimulatedUser {
  const { trace, ui } = parts;
  const attached = (): AttachableHost => {
    const host = parts.host();
    if (host === null) throw new Error('simulated device: attach a host first (device.attach(host))');
    return host;
  };
  const toastOf = (operationId: string | undefined): string => {
    const id = operationId ?? ui.toasts()[0];
    if (id === undefined) throw new Error('simulated device: no toast is up');
    return id;
  };
  return {
    acceptToast(operationId) {
      const id = toastOf(operationId);
      trace.user(id, 'accepts the toast');
      attached().user.acceptToast(id);
    },
    dismissToast(operationId) {
      const id = toastOf(operationId);
      trace.user(id, 'dismisses the toast');
      attached().user.dismissToast(id);
    },
    startDownload(operationId) {
      trace.user(operationId, 'starts the download from the app');
      attached().user.startDownload(operationId);
    },
    confirmationCode(operationId, code) {
      trace.user(operationId, 'enters a confirmation code');
      ui.answered(operationId);
      attached().user.confirmationCode(operationId, code);
    },
    abort(operationId) {
      trace.user(operationId, 'gives up');
      ui.answered(operationId);
      attached().user.abort(operationId);
    },
    launchPortal(transactionId) {
      trace.user(null, `opens the portal (transaction ${transactionId})`);
      ui.setPortalShown(true);
      attached().launch(transactionId);
    },
    closePortal() {
      trace.user(null, 'closes the portal');
      ui.setPortalShown(false);
      attached().closePortal();
    },
  };
}
