import { describe, expect, it } from 'vitest';
import type { Report } from '../../core/commands';
import { formatOffset, summarizeCommand, Trace, type TraceEntry } from './trace';
import { Redactor } from './redact';

const CODE = '1$smdp.example.com$MATCH-SECRET-1';

function report(): Report {
  return {
    operationId: 'op-1',
    transactionId: 'tx-1',
    flow: 'inlineDownload',
    entryPoint: 'MobilePlansInlineOperations.notifyProfileDownload',
    outcome: 'connected',
    activationResult: 'success',
    metadata: { planName: `plan with ${CODE} pasted in` },
    diagnostics: [],
    activationCode: '1$smdp.example.com$***',
    iccid: '89882470000000000014',
    registrationState: 'home',
    callbacks: [],
    startedAt: 0,
    endedAt: 3000,
  };
}

describe('Trace', () => {
  it('stamps entries with virtual time and keeps them in order', () => {
    let now = 100;
    const trace = new Trace({ now: () => now });
    trace.device('op-1', 'first');
    now = 250;
    trace.user(null, 'second');
    expect(trace.entries()).toEqual([
      { at: 100, kind: 'device', operationId: 'op-1', summary: 'first' },
      { at: 250, kind: 'user', summary: 'second' },
    ]);
    expect(trace.format()).toBe('+0:00:00.000 device op-1 first\n+0:00:00.150 user - second');
  });

  it('redacts the activation code and confirmation code of a download command', () => {
    const trace = new Trace({ now: () => 0 });
    const entry = trace.command({ type: 'lpa.download', operationId: 'op-1', activationCode: CODE, confirmationCode: '1234' });
    expect(entry.summary).toBe('lpa.download 1$smdp.example.com$*** with a confirmation code');
    expect(entry.data).toMatchObject({ activationCode: '1$smdp.example.com$***', confirmationCode: '***' });
  });

  it('never lets a matching ID through, whatever kind of entry carries it', () => {
    const redactor = new Redactor();
    redactor.keepCode(CODE);
    const trace = new Trace({ now: () => 0, redactor });
    trace.command({ type: 'lpa.download', operationId: 'op-1', activationCode: `LPA:${CODE}`, confirmationCode: null });
    trace.report(report());
    trace.diagnostic({ operationId: 'op-1', entryPoint: null, diagnostic: { code: 'unknownField', severity: 'warning', message: `odd field MATCH-SECRET-1` } });
    trace.callback('op-1', 'profileActivationComplete', JSON.stringify({ activationResult: 'success', note: CODE }));
    trace.device('op-1', `SM-DS has a profile: ${CODE}`, { code: CODE });
    trace.user('op-1', 'pastes MATCH-SECRET-1 somewhere');
    const json = JSON.stringify(trace);
    expect(json).not.toContain('MATCH-SECRET-1');
    expect(trace.entries()).toHaveLength(6);
    expect(trace.entries('report')[0]?.summary).toBe('inlineDownload connected (success)');
  });

  it('copies data on the way in, so later changes to the original do not show', () => {
    const trace = new Trace({ now: () => 0 });
    const data = { list: [1] };
    trace.device(null, 'x', data);
    data.list.push(2);
    expect(trace.entries()[0]?.data).toEqual({ list: [1] });
  });

  it('filters by kind and by operation, tells a listener, and clears', () => {
    const seen: TraceEntry[] = [];
    const trace = new Trace({ now: () => 0, onEntry: (entry) => seen.push(entry) });
    trace.device('op-1', 'a');
    trace.user('op-2', 'b');
    expect(trace.entries('user').map((e) => e.summary)).toEqual(['b']);
    expect(trace.of('op-1').map((e) => e.summary)).toEqual(['a']);
    expect(seen).toHaveLength(2);
    trace.clear();
    expect(trace.entries()).toEqual([]);
  });

  it('summarizes commands in one line', () => {
    expect(summarizeCommand({ type: 'ui.progress', operationId: 'op-1', stage: 'downloading', percent: 50 })).toBe('ui.progress downloading 50%');
    expect(summarizeCommand({ type: 'ui.progress', operationId: 'op-1', stage: 'enabling', percent: null })).toBe('ui.progress enabling');
    expect(summarizeCommand({ type: 'scheduler.set', timerId: 'op-1', at: 5 })).toBe('scheduler.set op-1 at 5');
    expect(summarizeCommand({ type: 'modem.register', operationId: 'op-1', iccid: '89' })).toBe('modem.register 89');
  });

  it('formats offsets as h:mm:ss.mmm', () => {
    expect(formatOffset(90_000)).toBe('+0:01:30.000');
    expect(formatOffset(26 * 3600_000 + 5)).toBe('+26:00:00.005');
    expect(formatOffset(-1500)).toBe('-0:00:01.500');
  });
});
