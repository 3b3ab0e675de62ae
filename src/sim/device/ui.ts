import type { ProgressStage } from '../../../machines/types';
import type { UiEffects } from '../../host/effects';

/** The progress the device shows for one operation. */
export interface ProgressView {
  readonly stage: ProgressStage;
  readonly percent: number | null;
}

/** Everything the simulated user can see, as plain data. */
export interface UiView {
  /** Whether the operator's portal is on screen (false once the app came back). */
  readonly portalShown: boolean;
  /** Operations whose "ready to download" toast is up, oldest first. */
  readonly toasts: readonly string[];
  /** Operation → the progress shown for it. */
  readonly progress: Readonly<Record<string, ProgressView>>;
  /** Operation → when its scheduled download is due (virtual epoch ms). */
  readonly scheduled: Readonly<Record<string, number>>;
  /** Operation → the attempt number of the confirmation-code prompt on screen. */
  readonly confirmationPrompts: Readonly<Record<string, number>>;
  /** The operation that last brought the Mobile Plans app back, or null. */
  readonly returnedToAppFor: string | null;
}

/**
 * The simulated device's screen: implements the host's UI effects by recording what would be
 * visible. An operation's progress, toast and prompt go away when it reports.
 *
 * @example
 * const ui = new SimulatedUi();
 * ui.toast('op-1');
 * ui.view().toasts; // ['op-1']
 */
export class SimulatedUi implements UiEffects {
  #portalShown = true;
  #toasts: string[] = [];
  #progress = new Map<string, ProgressView>();
  #scheduled = new Map<string, number>();
  #prompts = new Map<string, number>();
  #returnedToAppFor: string | null = null;

  /** Show progress; a new stage or percentage replaces the old, and answers any prompt of that operation. */
  progress(operationId: string, stage: ProgressStage, percent: number | null): void {
    this.#progress.set(operationId, { stage, percent });
    this.#prompts.delete(operationId);
  }

  /** Show "your profile will be installed later" for `at`. */
  scheduled(operationId: string, at: number): void {
    this.#scheduled.set(operationId, at);
  }

  /** Put the "ready to download" toast up. */
  toast(operationId: string): void {
    this.#scheduled.delete(operationId);
    if (!this.#toasts.includes(operationId)) this.#toasts.push(operationId);
  }

  /** Take an operation's toast down. */
  hideToast(operationId: string): void {
    this.#toasts = this.#toasts.filter((id) => id !== operationId);
  }

  /** Prompt for the confirmation code. */
  confirmationCode(operationId: string, attempt: number): void {
    this.#prompts.set(operationId, attempt);
  }

  /** Close the portal and bring the app back. */
  returnToApp(operationId: string): void {
    this.#portalShown = false;
    this.#returnedToAppFor = operationId;
  }

  /** The portal was (re)opened or closed by the user. */
  setPortalShown(shown: boolean): void {
    this.#portalShown = shown;
  }

  /** The user answered or dismissed an operation's prompt. */
  answered(operationId: string): void {
    this.#prompts.delete(operationId);
  }

  /** An operation reported: nothing of it stays on screen. */
  finished(operationId: string): void {
    this.hideToast(operationId);
    this.#progress.delete(operationId);
    this.#scheduled.delete(operationId);
    this.#prompts.delete(operationId);
  }

  /** Operations whose toast is up, oldest first. */
  toasts(): string[] {
    return [...this.#toasts];
  }

  /** The attempt number of the confirmation prompt on screen for an operation, or null. */
  prompt(operationId: string): number | null {
    return this.#prompts.get(operationId) ?? null;
  }

  /** What the screen shows, as a plain copy. */
  view(): UiView {
    return {
      portalShown: this.#portalShown,
      toasts: [...this.#toasts],
      progress: Object.fromEntries(this.#progress),
      scheduled: Object.fromEntries(this.#scheduled),
      confirmationPrompts: Object.fromEntries(this.#prompts),
      returnedToAppFor: this.#returnedToAppFor,
    };
  }

  /** The screen serializes as its view. */
  toJSON(): UiView {
    return this.view();
  }
}
