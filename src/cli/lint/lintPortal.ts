import type { DiagnosticNotice } from '../../core/commands';
import type { DiagnosticSeverity } from '../../domain/diagnostics';
import type { OperationView } from '../../host/host';
import { startSimulator, type Simulator } from '../../sim/simulator';
import { PortalPage, type Thrown } from './page';
import { declaredFunctionNames, type PortalSource } from './scripts';
import { noticeFields } from '../noticeFields';
import { stackHere } from '../stackHere';

/** The page address portal code runs at, unless told otherwise. */
export const LINT_ORIGIN = 'https://portal.example.com/';

/** How far the clock runs after a hand-off at most: 31 virtual days (a delayed download may wait long). */
const MAX_VIRTUAL_MS = 31 * 24 * 60 * 60_000;

/** One problem found: a diagnostic of the simulated host or bridge, or an exception from the portal's code. */
export interface LintFinding {
  readonly severity: DiagnosticSeverity;
  /** A diagnostic code (`invalidActivationCode`, `invalidCallback`, ...), or `scriptError` / `threw`. */
  readonly code: string;
  readonly message: string;
  readonly field?: string;
  readonly entryPoint: string | null;
  readonly operationId: string | null;
  /** Where in the portal's file: the call that raised it, the hand-off of its operation, or the line that threw. */
  readonly location?: LintLocation;
}

/** A line of the portal's file (1-based line and column). */
export interface LintLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** A callback the page received. */
export interface DeliveredCallback {
  readonly operationId: string;
  readonly script: string;
  readonly args: string;
}

/** One exercised hand-off function: what it started and what was wrong. */
export interface HandOffRun {
  /** The function's name, or `(page load)` for hand-offs the scripts make as they load. */
  readonly name: string;
  readonly operations: readonly OperationView[];
  readonly callbacks: readonly DeliveredCallback[];
  readonly findings: readonly LintFinding[];
}

/** Everything lint-portal found in one portal. */
export interface LintReport {
  readonly origin: string;
  readonly scripts: readonly string[];
  readonly skipped: readonly string[];
  /** Problems while the scripts load (syntax errors, exceptions at top level). */
  readonly loadFindings: readonly LintFinding[];
  readonly handOffs: readonly HandOffRun[];
  /** Zero-argument functions that were called but touched no portal API. */
  readonly otherFunctions: readonly string[];
  readonly errors: number;
  readonly warnings: number;
}

/** A fresh page with the simulator installed on it, recording diagnostics (with where they came from) and callbacks. */
interface Sandbox {
  readonly page: PortalPage;
  readonly sim: Simulator;
  readonly notices: DiagnosticNotice[];
  /** The portal line of each notice, by index in `notices`. */
  readonly noticeLocations: Array<LintLocation | null>;
  readonly callbacks: DeliveredCallback[];
}

/** The innermost frame of `stack` in one of the portal's files. */
export function portalLocation(stack: string, files: ReadonlySet<string>): LintLocation | null {
  // Frames (`at fn (file:line:column)`) first; a syntax error has only its `file:line` header.
  for (const pattern of [/\(?([^\s()]+):(\d+):(\d+)\)?\s*$/, /^([^\s()]+):(\d+)\s*$/]) {
    for (const line of stack.split('\n')) {
      const frame = pattern.exec(line);
      if (frame !== null && files.has(frame[1] ?? '')) return { file: frame[1] ?? '', line: Number(frame[2]), column: Number(frame[3] ?? 1) };
    }
  }
  return null;
}

function sandbox(origin: string, files: ReadonlySet<string>): Sandbox {
  const page = new PortalPage(origin);
  const notices: DiagnosticNotice[] = [];
  const noticeLocations: Array<LintLocation | null> = [];
  const callbacks: DeliveredCallback[] = [];
  // Where each operation was handed off: a diagnostic raised later (a callback on the clock) points there.
  const handOffAt = new Map<string, LintLocation>();
  let callAt: LintLocation | null = null;
  const host = new URL(origin).host;
  const sim = startSimulator({
    global: page.global,
    origin,
    allowedHosts: [host],
    allowLocalhost: false,
    console: false,
    // SM-DS has the profile once asked, so a delayed-profile hand-off runs to its callbacks.
    device: {
      lpa: { discover: { profileReady: true } },
      onTrace: (entry) => {
        if (entry.kind !== 'user') return;
        if (entry.summary.startsWith('portal calls ')) callAt = portalLocation(stackHere(), files);
        else if (entry.operationId !== undefined && callAt !== null && !handOffAt.has(entry.operationId)) handOffAt.set(entry.operationId, callAt);
      },
    },
    onDiagnostic: (notice) => {
      notices.push(notice);
      noticeLocations.push(portalLocation(stackHere(), files) ?? (notice.operationId === null ? null : (handOffAt.get(notice.operationId) ?? null)));
    },
    onCallback: (operationId, script, args) => void callbacks.push({ operationId, script, args }),
  });
  return { page, sim, notices, noticeLocations, callbacks };
}

/**
 * Run an operator portal's scripts against the simulator, in a page-like `node:vm` context at
 * `origin`, and report every problem the simulated host finds. Each zero-argument function the
 * scripts declare is called in a fresh page and simulator (so hand-offs do not interfere); the
 * clock then runs until its operations end (toasts accepted, confirmation prompts answered), so
 * callbacks fire and a missing or wrong callback function shows.
 *
 * @param source - the portal's scripts (see `portalSource`)
 * @param origin - the page address (default {@link LINT_ORIGIN}; its host is the allow-list)
 */
export async function lintPortal(source: PortalSource, origin: string = LINT_ORIGIN): Promise<LintReport> {
  const files = new Set(source.scripts.map((script) => script.file ?? script.name));
  const base = sandbox(origin, files);
  const loadFindings: LintFinding[] = [];
  for (const script of source.scripts) {
    const thrown = base.page.runScript(script);
    if (thrown !== null) loadFindings.push(thrownFinding('scriptError', `${script.name} failed while loading`, thrown, files));
  }
  const handOffs: HandOffRun[] = [];
  const otherFunctions: string[] = [];
  const load = await exercise(base, 0, () => Promise.resolve(null), undefined, files);
  if (touched(load)) handOffs.push({ ...load.run, name: '(page load)' });
  base.sim.stop();

  for (const name of zeroArgumentFunctions(base.page, source)) {
    const box = sandbox(origin, files);
    for (const script of source.scripts) box.page.runScript(script);
    const before = { notices: box.notices.length, operations: new Set(box.sim.operations().map((op) => op.id)), callbacks: box.callbacks.length };
    const result = await exercise(box, before.notices, () => box.page.call(name), before, files);
    if (touched(result) || mentionsHandOff(box.page, name)) handOffs.push({ ...result.run, name: `${name}()` });
    else otherFunctions.push(`${name}()`);
    box.sim.stop();
  }
  if (handOffs.length === 0 && loadFindings.every((f) => f.code !== 'scriptError')) {
    loadFindings.push({
      severity: 'error',
      code: 'noHandOffSeen',
      message:
        'lint-portal saw no hand-off, so it checked nothing: it calls top-level zero-argument functions of inline classic scripts, and does not run ' +
        'handlers attached with addEventListener, modules, external scripts, fetch or routing. Test the page in a real browser: mobile-plans test-portal <page or folder> --journey <journey.mjs>',
      entryPoint: null,
      operationId: null,
    });
  }
  const all = [...loadFindings, ...handOffs.flatMap((h) => h.findings)];
  return {
    origin,
    scripts: source.scripts.map((s) => s.name),
    skipped: source.skipped,
    loadFindings,
    handOffs,
    otherFunctions,
    errors: all.filter((f) => f.severity === 'error').length,
    warnings: all.filter((f) => f.severity === 'warning').length,
  };
}

/** Whether a function's source calls a `notify...` entry point (a hand-off that did not get that far). */
function mentionsHandOff(page: PortalPage, name: string): boolean {
  try {
    return /\bnotify/i.test(String(page.evaluate(`Function.prototype.toString.call(${name})`)));
  } catch {
    return false;
  }
}

/** The functions worth calling: declared by the scripts, visible at top level, taking no arguments. */
function zeroArgumentFunctions(page: PortalPage, source: PortalSource): string[] {
  const names = [...new Set(source.scripts.flatMap((s) => declaredFunctionNames(s.source)))];
  return names.filter((name) => {
    try {
      return page.evaluate(`typeof ${name} === 'function' && ${name}.length === 0`) === true;
    } catch {
      return false;
    }
  });
}

interface Exercised {
  readonly run: Omit<HandOffRun, 'name'>;
  readonly calls: number;
}

/** Run `act`, then the clock until the operations it started end; collect what happened after `from`. */
async function exercise(
  box: Sandbox,
  from: number,
  act: () => Promise<Thrown | null>,
  before: { operations: ReadonlySet<string>; callbacks: number } = { operations: new Set(), callbacks: 0 },
  files: ReadonlySet<string> = new Set(),
): Promise<Exercised> {
  const thrown = await act();
  await drive(box);
  const redact = (text: string) => box.sim.device.trace.redactor.text(text);
  const findings: LintFinding[] = box.notices.slice(from).map((notice, i) => {
    const location = box.noticeLocations[from + i] ?? null;
    return { ...noticeFields(notice, redact), ...(location === null ? {} : { location }) };
  });
  // A refused origin already shows as a diagnostic; the security error it throws is the same news.
  if (thrown !== null && thrown.name !== 'MobilePlansSecurityError') findings.push(thrownFinding('threw', 'the function threw', thrown, files));
  const operations = box.sim.operations().filter((op) => !before.operations.has(op.id));
  const callbacks = box.callbacks.slice(before.callbacks).map((c) => ({ ...c, args: redact(c.args) }));
  const calls = operations.length + box.notices.slice(from).filter((n) => n.entryPoint !== null).length;
  return { run: { operations, callbacks, findings }, calls };
}

function touched(result: Exercised): boolean {
  return result.calls > 0;
}

/** Play the clock and the user until every operation has ended or nothing is left to happen. */
async function drive(box: Sandbox): Promise<void> {
  const { sim, page } = box;
  const clock = sim.device.clock;
  const start = clock.now();
  for (let turn = 0; turn < 10_000; turn++) {
    for (const id of sim.device.ui.toasts()) sim.acceptToast(id);
    for (const id of Object.keys(sim.device.ui.view().confirmationPrompts)) sim.confirmationCode('0000', id);
    page.runTimers();
    if (sim.operations().every((op) => !op.live)) return;
    const next = clock.pending()[0];
    if (next === undefined || next.at - start > MAX_VIRTUAL_MS) return;
    await sim.advance(Math.max(0, next.at - clock.now()) / 60_000);
  }
}

function thrownFinding(code: string, what: string, thrown: Thrown, files: ReadonlySet<string>): LintFinding {
  const location = thrown.stack === undefined ? null : portalLocation(thrown.stack, files);
  return { severity: 'error', code, message: `${what}: ${thrown.name}: ${thrown.message}`, entryPoint: null, operationId: null, ...(location === null ? {} : { location }) };
}
