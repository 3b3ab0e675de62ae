import type { ActivationError } from '../../domain/enums';
import type { EffectError } from '../../host/effects';

/** An activation error a simulated effect can fail with (anything but `success`). */
export type ActivationFailure = Exclude<ActivationError, 'success'>;

/**
 * What a simulated effect throws or rejects with: the host reads `activationError` and
 * reports it to the portal.
 *
 * @example throw new SimulatedEffectError('serverNotReachable');
 */
export class SimulatedEffectError extends Error implements EffectError {
  /** The activation error the portal should see. */
  readonly activationError: ActivationFailure;

  /**
   * @param activationError - the activation error to report
   * @param message - what happened, for the log
   */
  constructor(activationError: ActivationFailure, message = `the simulated device answered ${activationError}`) {
    super(message);
    this.name = 'SimulatedEffectError';
    this.activationError = activationError;
  }
}
