import type { ProfileState } from '../../../machines/types';
import { maskActivationCode } from '../../domain/activationCode';
import { validateEid } from '../../domain/eid';
import { luhnValid } from '../../domain/iccid';
import { codeKey } from './redact';

/** A valid EID (32 digits, mod 97 = 1): the simulated eUICC's identity unless told otherwise. */
export const DEFAULT_EID = '89049032123451234512345678901235';

/** The first 15 digits of every ICCID the simulated eUICC makes up. */
export const SIMULATED_ICCID_PREFIX = '898824700000000';

/** A profile on the simulated eUICC, as listings show it: no matching ID, ever. */
export interface EuiccProfile {
  readonly iccid: string;
  readonly enabled: boolean;
  /** The activation code it was installed from, masked (`1$smdp.example.com$***`). */
  readonly installedFrom?: string;
}

/** A profile the eUICC starts with. */
export interface InitialProfile {
  readonly iccid: string;
  readonly enabled?: boolean;
}

/** What `install` did: the profile's ICCID, and whether this call created it. */
export interface Installation {
  readonly iccid: string;
  readonly created: boolean;
}

/** How the simulated eUICC is set up. */
export interface EuiccOptions {
  /** Its EID; must be valid. Default {@link DEFAULT_EID}. */
  readonly eid?: string;
  /** Profiles already on it; at most one enabled. */
  readonly profiles?: readonly InitialProfile[];
  /** How many profiles fit; installing past this fails. Default: no limit. */
  readonly capacity?: number;
}

interface StoredProfile {
  readonly iccid: string;
  enabled: boolean;
  readonly installedFrom?: string;
}

/**
 * The Luhn check digit that makes `body + digit` pass {@link luhnValid}.
 *
 * @param body - decimal digits
 * @example luhnCheckDigit('7992739871') // '3'
 */
export function luhnCheckDigit(body: string): string {
  for (let digit = 0; digit <= 9; digit++) {
    if (luhnValid(`${body}${digit}`)) return String(digit);
  }
  throw new RangeError(`luhnCheckDigit: ${JSON.stringify(body)} is not a string of digits`);
}

/**
 * The ICCID the simulated eUICC gives its `n`th new profile: 20 digits, Luhn-valid, deterministic.
 *
 * @param n - 1, 2, ...
 * @example simulatedIccid(1) // '89882470000000000014'
 */
export function simulatedIccid(n: number): string {
  const body = `${SIMULATED_ICCID_PREFIX}${String(n).padStart(4, '0')}`;
  return `${body}${luhnCheckDigit(body)}`;
}

/**
 * A virtual eUICC: an EID and its profiles, at most one enabled. Installing is idempotent per
 * activation code: the same code again gives the same ICCID without a second profile. The
 * codes are remembered only as non-reversible keys, and listings show them masked.
 *
 * @example
 * const euicc = new VirtualEuicc();
 * const { iccid } = euicc.install('1$smdp.example.com$MATCH-1');
 * euicc.enable(iccid);
 * euicc.profileState(iccid); // 'enabled'
 */
export class VirtualEuicc {
  /** The eUICC's identifier. */
  readonly eid: string;
  readonly #capacity: number;
  // By upper-case ICCID, in installation order; with the enabled one apart, every lookup is O(1)
  // (a simulator run installs 10,000 profiles).
  #profiles = new Map<string, StoredProfile>();
  #enabled: StoredProfile | null = null;
  /** Activation-code key → ICCID installed from it. */
  #installed = new Map<string, string>();
  #counter = 0;

  /** @param options - EID, initial profiles and capacity */
  constructor(options: EuiccOptions = {}) {
    const eid = options.eid ?? DEFAULT_EID;
    const checked = validateEid(eid);
    if (!checked.ok) throw new Error(`VirtualEuicc: ${checked.error.message}`);
    this.eid = eid;
    this.#capacity = options.capacity ?? Number.POSITIVE_INFINITY;
    const initial = options.profiles ?? [];
    if (initial.filter((p) => p.enabled === true).length > 1) throw new Error('VirtualEuicc: at most one initial profile may be enabled');
    for (const profile of initial) {
      if (this.#find(profile.iccid) !== undefined) throw new Error(`VirtualEuicc: profile ${profile.iccid} is listed twice`);
      this.#add({ iccid: profile.iccid, enabled: profile.enabled === true });
    }
  }

  /** Every profile, in installation order (copies). */
  profiles(): EuiccProfile[] {
    return [...this.#profiles.values()].map((p) => ({ ...p }));
  }

  /** The enabled profile's ICCID, or null. */
  enabledIccid(): string | null {
    return this.#enabled?.iccid ?? null;
  }

  /** Whether a profile is here, and whether it is the enabled one. */
  profileState(iccid: string): ProfileState {
    const profile = this.#find(iccid);
    if (profile === undefined) return 'absent';
    return profile.enabled ? 'enabled' : 'disabled';
  }

  /** The ICCID already installed from this activation code, or null. */
  installedFrom(activationCode: string): string | null {
    const iccid = this.#installed.get(codeKey(activationCode));
    return iccid !== undefined && this.#find(iccid) !== undefined ? iccid : null;
  }

  /** Whether one more profile fits. */
  hasSpace(): boolean {
    return this.#profiles.size < this.#capacity;
  }

  /**
   * Install the profile an activation code names (disabled), or find the one already installed
   * from it. The code's canonical form is what counts (`LPA:` prefix and all).
   *
   * @param activationCode - the full code, matching ID included
   * @throws RangeError when the eUICC is full
   */
  install(activationCode: string): Installation {
    const existing = this.installedFrom(activationCode);
    if (existing !== null) return { iccid: existing, created: false };
    if (!this.hasSpace()) throw new RangeError('VirtualEuicc: no space left for another profile');
    let iccid = simulatedIccid(++this.#counter);
    while (this.#find(iccid) !== undefined) iccid = simulatedIccid(++this.#counter);
    this.#add({ iccid, enabled: false, installedFrom: maskActivationCode(activationCode) });
    this.#installed.set(codeKey(activationCode), iccid);
    return { iccid, created: true };
  }

  /**
   * Enable a profile and disable every other one.
   * @returns false when no such profile is installed
   */
  enable(iccid: string): boolean {
    const target = this.#find(iccid);
    if (target === undefined) return false;
    if (this.#enabled !== null) this.#enabled.enabled = false;
    target.enabled = true;
    this.#enabled = target;
    return true;
  }

  /**
   * Disable a profile.
   * @returns false when no such profile is installed
   */
  disable(iccid: string): boolean {
    const target = this.#find(iccid);
    if (target === undefined) return false;
    target.enabled = false;
    if (this.#enabled === target) this.#enabled = null;
    return true;
  }

  /**
   * Delete a profile (its activation code may then install a new one).
   * @returns false when no such profile is installed
   */
  remove(iccid: string): boolean {
    const target = this.#profiles.get(iccid.toUpperCase());
    if (target === undefined || target.iccid !== iccid) return false;
    if (this.#enabled === target) this.#enabled = null;
    return this.#profiles.delete(iccid.toUpperCase());
  }

  /** Listings only: the eUICC serializes as its EID and masked profiles. */
  toJSON(): { eid: string; profiles: EuiccProfile[] } {
    return { eid: this.eid, profiles: this.profiles() };
  }

  #find(iccid: string): StoredProfile | undefined {
    return this.#profiles.get(iccid.toUpperCase());
  }

  #add(profile: StoredProfile): void {
    this.#profiles.set(profile.iccid.toUpperCase(), profile);
    if (profile.enabled) this.#enabled = profile;
  }
}
