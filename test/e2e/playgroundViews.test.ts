import { describe, expect, it } from 'vitest';
import { playgroundData, type MachineView, type PlaygroundData } from '../../playground/playgroundData';
import { startSimulator } from '../../src/sim/index';

// The host page's modules are plain browser JavaScript; these are the shapes the tests use.
type Entry = { at: number; kind: string; operationId: string | null; summary: string };
type Step = { type: 'message'; from: string; to: string; text: string; reply: boolean } | { type: 'note'; over: string; text: string };
interface SequenceModule {
  PARTICIPANTS: string[];
  entriesOf(trace: Entry[], operationId: string): Entry[];
  sequenceSteps(entries: Entry[], time: (ms: number) => string): Step[];
}
interface OperationViewModule {
  lastTransition(transitions: MachineView['layout']['transitions'], path: Array<{ state: string; cause: string | null }>): { index: number; event: string; target: string } | undefined;
  eventActions(machine: MachineView, op: { id: string; state: string; live: boolean }, snapshot: unknown): Map<string, { text: string }>;
}
interface ClockModule {
  countdown(ms: number): string;
}
interface ClockStatusModule {
  clockStatus(snapshot: unknown, machines: PlaygroundData['machines'], running: boolean): { next: string; idle: string[] };
}
const startTime = Date.UTC(2026, 0, 1);

/** The purchase metadata a portal builds with the page's own objects. */
function purchaseMetadata(page: Record<string, unknown>): unknown {
  const enums = (name: string) => page[name] as Record<string, unknown>;
  const metadata = (page['MobilePlans'] as { createPurchaseMetaData(): Record<string, unknown> }).createPurchaseMetaData();
  metadata['userAccount'] = enums('MobilePlansUserAccount')['new'];
  metadata['purchaseInstrument'] = enums('MobilePlansPurchaseInstrument')['new'];
  metadata['lineType'] = enums('MobilePlansLineType')['new'];
  metadata['moDirectStatus'] = enums('MobilePlansMoDirectStatus')['complete'];
  metadata['planName'] = '2GB Monthly';
  return metadata;
}

const load = <T>(path: string): Promise<T> => import(/* @vite-ignore */ path) as Promise<T>;
const sequence = await load<SequenceModule>('../../playground/host/sequence.js');
const operationView = await load<OperationViewModule>('../../playground/host/operationView.js');
const clock = await load<ClockModule>('../../playground/host/clock.js');
const clockStatus = await load<ClockStatusModule>('../../playground/host/clockStatus.js');
const data = await playgroundData();
const delayed = data.machines['delayedDownload'] as MachineView;

describe('the playground clock', () => {
  it('counts down in minutes and seconds, with hours once there are any', () => {
    expect(clock.countdown(872_000)).toBe('14:32');
    expect(clock.countdown(20_000)).toBe('0:20');
    expect(clock.countdown(86_340_000)).toBe('23:59:00');
    expect(clock.countdown(-5)).toBe('0:00');
  });
});

describe('the playground clock status', () => {
  const screen = { toasts: [], confirmationPrompts: {} };
  it('names the next deadline by the state it leads to, and says the clock must move', () => {
    const snapshot = { virtualMs: 28_000, pending: [{ id: 'op-1', label: null, at: 900_000 }], operations: [{ id: 'op-1', flow: 'delayedDownload', state: 'scheduled' }], screen };
    expect(clockStatus.clockStatus(snapshot, data.machines, false)).toEqual({
      next: 'Next: toast for op-1 in 14:32 (at +00:15:00).',
      idle: ['Nothing will happen until the clock moves: press +15 min, or pick a running mode.'],
    });
    expect(clockStatus.clockStatus(snapshot, data.machines, true).idle).toEqual([]);
  });

  it('names device work past its progress ticks, and who the operation waits for', () => {
    const pending = [{ id: null, label: 'download progress 25% op-2', at: 5_000 }, { id: null, label: 'download op-2', at: 20_000 }];
    const snapshot = { virtualMs: 0, pending, operations: [{ id: 'op-2', flow: 'inlineDownload', state: 'downloading' }], screen: { toasts: ['op-1'], confirmationPrompts: {} } };
    expect(clockStatus.clockStatus(snapshot, data.machines, false)).toEqual({
      next: 'Next: the download of op-2 finishes in 0:20 (at +00:00:20).',
      idle: ['Nothing will happen until the clock moves: press +1 min, or pick a running mode.', 'op-1 waits for you: accept or dismiss the toast.'],
    });
    expect(clockStatus.clockStatus({ ...snapshot, pending: [] }, data.machines, false).next).toBe('Nothing is waiting on the clock.');
  });
});

describe('the playground statechart marks', () => {
  it('picks the transition just taken by the event that caused it when two join the same states', () => {
    const dismissed = operationView.lastTransition(delayed.layout.transitions, [{ state: 'toastShown', cause: null }, { state: 'awaitingUser', cause: 'dismisses the toast' }]);
    const timedOut = operationView.lastTransition(delayed.layout.transitions, [{ state: 'toastShown', cause: null }, { state: 'awaitingUser', cause: 'timer op-1 fired' }]);
    expect([dismissed?.event, dismissed?.target]).toEqual(['user.toastDismissed', 'awaitingUser']);
    expect([timedOut?.event, timedOut?.target]).toEqual(['timer.fired', 'awaitingUser']);
    expect(operationView.lastTransition(delayed.layout.transitions, [{ state: 'scheduled', cause: 'portal call' }])).toBeUndefined();
  });

  it('offers the toast events only while the toast is up, and the deadline only while one is armed', () => {
    const op = { id: 'op-1', state: 'toastShown', live: true };
    const up = { pending: [{ id: 'op-1' }], screen: { toasts: ['op-1'], confirmationPrompts: {} } };
    const gone = { pending: [], screen: { toasts: [], confirmationPrompts: {} } };
    expect([...operationView.eventActions(delayed, op, up).keys()]).toEqual(['user.toastAccepted', 'user.toastDismissed', 'timer.fired']);
    expect([...operationView.eventActions(delayed, op, gone).keys()]).toEqual([]);
    expect([...operationView.eventActions(delayed, { ...op, live: false }, up).keys()]).toEqual([]);
    expect([...operationView.eventActions(delayed, { ...op, state: 'scheduled' }, up).keys()]).toEqual(['portal.cancel', 'timer.fired']);
  });
});

describe('the playground sequence diagram', () => {
  it('draws a delayed download from the simulator trace between the five participants, in order', async () => {
    const page: Record<string, unknown> = { location: { href: 'http://localhost/portal' } };
    const sim = startSimulator({ global: page, transactionId: 'TX-1', console: false, device: { startTime, lpa: { download: { slow: { durationMs: 20_000 } } } } });
    const inline = page['MobilePlansInlineOperations'] as { notifyProfileDownload(md: unknown, code: string, delay: number): { id: string } };
    const op = inline.notifyProfileDownload(purchaseMetadata(page), '1$smdp.example.com$SECRET-MATCH-7', 5);
    await sim.advance(15);
    sim.acceptToast();
    await sim.advance(1);
    const trace: Entry[] = sim.trace().map((e) => ({ at: e.at - startTime, kind: e.kind, operationId: e.operationId ?? null, summary: e.summary }));

    const steps = sequence.sequenceSteps(sequence.entriesOf(trace, op.id), (ms) => `+${ms / 1000}s`);
    const messages = steps.flatMap((s) => (s.type === 'message' ? [`${s.from}->${s.to}${s.reply ? ' (reply)' : ''}: ${s.text}`] : []));
    for (const s of steps) if (s.type === 'message') expect(sequence.PARTICIPANTS).toEqual(expect.arrayContaining([s.from, s.to]));
    const expected = [
      'Portal->Host: MobilePlansInlineOperations.notifyProfileDownload(…)',
      'Host->User: notice: your profile will be installed at',
      'Host->Portal (reply): returns op-1',
      'Host->User: toast: your profile is ready to download',
      'User->Host: accepts the toast',
      'Host->LPA/SM-DP+: download 1$smdp.example.com$***',
      'LPA/SM-DP+->Host (reply): downloaded profile',
      'Host->LPA/SM-DP+: enable',
      'Host->Modem: register',
      'Modem->Host (reply): registration home',
    ];
    const positions = expected.map((start) => messages.findIndex((m) => m.startsWith(start)));
    expect(positions.every((p) => p >= 0), messages.join('\n')).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(steps.filter((s) => s.type === 'note').map((s) => s.text)).toEqual(expect.arrayContaining(['+0s', '+900s', 'the deadline passes (timer fired)', 'report: delayedDownload connected (success)']));
    expect(JSON.stringify(steps)).not.toContain('SECRET-MATCH-7');
    sim.stop();
  });
});
