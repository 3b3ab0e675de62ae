import { InvalidArgumentError } from 'commander';
import { MAX_DELAY_MINUTES } from '../domain/delay';
import { ACTIVATION_ERRORS, isActivationError, type ActivationError } from '../domain/enums';
import { findFlow, flowNamesForHelp, type FlowSpec } from './flows';
import type { RegistrationChoice } from './scenario';

/** The registrations `--registration` accepts. */
export const REGISTRATION_CHOICES: readonly RegistrationChoice[] = ['home', 'roaming', 'partner', 'denied', 'none'];

/**
 * Commander argument parser for `<flow>`: a flow name or alias.
 *
 * @throws InvalidArgumentError listing every accepted name
 */
export function parseFlowArgument(value: string): FlowSpec {
  const flow = findFlow(value);
  if (flow === undefined) throw new InvalidArgumentError(`unknown flow "${value}". Valid flows: ${flowNamesForHelp()}.`);
  return flow;
}

/**
 * Commander option parser for a virtual time: minutes (`14`, `14.5`) or minutes and seconds
 * (`14:59`), from 0 to 30 days.
 *
 * @throws InvalidArgumentError when it is negative, malformed or too long
 */
export function parseTimeInMinutes(value: string): number {
  const text = value.trim();
  const clock = /^([0-9]+):([0-5][0-9])$/.exec(text);
  let minutes: number;
  if (clock !== null) minutes = Number(clock[1]) + Number(clock[2]) / 60;
  else if (/^-?[0-9]+(?:\.[0-9]+)?$/.test(text)) minutes = Number(text);
  else throw new InvalidArgumentError(`"${value}" is not a time in minutes (write 14, 14.5 or 14:59 for minutes:seconds).`);
  if (minutes < 0) throw new InvalidArgumentError(`minutes cannot be negative (got ${value}).`);
  if (minutes > MAX_DELAY_MINUTES) throw new InvalidArgumentError(`at most ${MAX_DELAY_MINUTES} minutes (30 days) (got ${value}).`);
  return minutes;
}

/**
 * Commander option parser for a number of minutes: a whole number from 0 to 30 days.
 *
 * @throws InvalidArgumentError when it is negative, fractional or not a number
 */
export function parseMinutes(value: string): number {
  if (!/^-?[0-9]+$/.test(value.trim())) throw new InvalidArgumentError(`"${value}" is not a whole number of minutes.`);
  const minutes = Number(value);
  if (minutes < 0) throw new InvalidArgumentError(`minutes cannot be negative (got ${value}).`);
  if (minutes > MAX_DELAY_MINUTES) throw new InvalidArgumentError(`at most ${MAX_DELAY_MINUTES} minutes (30 days) (got ${value}).`);
  return minutes;
}

/**
 * Commander option parser for `--outcome`: one of the spec's activation errors.
 *
 * @throws InvalidArgumentError listing every activation error
 */
export function parseActivationError(value: string): ActivationError {
  if (isActivationError(value)) return value;
  throw new InvalidArgumentError(`unknown activation error "${value}". Valid activation errors: ${ACTIVATION_ERRORS.join(', ')}.`);
}
