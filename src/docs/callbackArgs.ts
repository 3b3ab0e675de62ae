import type { CallbackScript } from '../core/commands';
import { CALLBACK_SLOTS } from '../portal/callbacks';

/** One property of a callback's JSON argument, as the spec documents it. */
export interface CallbackProperty {
  /** The JSON key. */
  readonly name: string;
  /** The spec's type column. */
  readonly type: string;
  /** What the value means. */
  readonly description: string;
}

/** The JSON argument one callback script receives. */
export interface CallbackArgsDoc {
  /** The core's name for the callback. */
  readonly script: CallbackScript;
  /** The page property the portal sets to its function or its function's name. */
  readonly slot: string;
  /** The spec's name for the argument's shape. */
  readonly typeName: string;
  /** When the portal receives it. */
  readonly when: string;
  /** The keys of its JSON object, in the spec's order. */
  readonly properties: readonly CallbackProperty[];
}

/**
 * The callback argument shapes (spec: "Listening for network registration changes" and
 * "Listening for profile activation"). Each callback receives one string, `JSON.stringify` of
 * an object of this shape; a test checks the keys against what the core really sends.
 */
export const CALLBACK_ARGS: readonly CallbackArgsDoc[] = [
  {
    script: 'profileActivationComplete',
    slot: CALLBACK_SLOTS.profileActivationComplete,
    typeName: 'ProfileActivationCompleteArgs',
    when: 'once per download, when the profile is enabled (`success`) or the operation fails (the activation error: `modemNotFound` when the device has no modem, `timeoutWaitingForUserConsent` when the confirmation-code prompt went unanswered)',
    properties: [
      { name: 'activationResult', type: 'String', description: 'The result of the activation: one of the activation errors below (`success` when it worked).' },
      { name: 'iccid', type: 'String', description: 'The ICCID of the profile that was activated; empty when no profile was installed.' },
    ],
  },
  {
    script: 'registrationChanged',
    slot: CALLBACK_SLOTS.registrationChanged,
    typeName: 'ProfileRegistrationCompleteArgs',
    when: 'each time the registration state of the new profile changes while the host follows it, and after it connected, while the portal stays open, for 10 more changes (roaming, denied, ...)',
    properties: [
      { name: 'networkRegistrationState', type: 'String', description: 'The current network registration state: one of the `MobilePlansNetworkRegistrationState` values.' },
      { name: 'iccid', type: 'String', description: 'The ICCID whose network registration state has changed.' },
    ],
  },
];
