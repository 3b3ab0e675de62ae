import { describe, expect, it } from 'vitest';
import type { DiagnosticNotice, Report } from '../core/commands';
import { createHost } from '../host/host';
import { createSimulatedDevice } from '../sim/device/device';
import { RecordStorage } from '../sim/device/recordStorage';
import { consoleReporter } from './consoleReporter';

const MATCHING_ID = 'K2-SECRET-MATCHING-ID-7Q';
const activationCode = `1$smdp.example.com$${MATCHING_ID}`;
const metadata = { userAccount: 'New', purchaseInstrument: 'New', lineType: 'New', moDirectStatus: 'Complete', planName: '2GB Monthly' };
const AT = Date.UTC(2026, 11, 1, 23, 0, 0);

function sink(): { write(line: string): void; lines: string[] } {
  const lines: string[] = [];
  return { lines, write: (line) => void lines.push(line) };
}

/** A report and a diagnostic that carry the code in clear where the core cannot know it is one (an effect's message, the portal's metadata). */
const leakyReport = {
  operationId: 'op-1', transactionId: null, flow: 'inlineDownload', entryPoint: 'MobilePlansInlineOperations.notifyProfileDownload', outcome: 'failed',
  activationResult: 'unknownError', metadata: { ...metadata, planName: `plan for ${activationCode}` }, diagnostics: [], activationCode: '1$smdp.example.com$***',
  iccid: null, registrationState: null, callbacks: [], startedAt: AT - 5_000, endedAt: AT,
} as unknown as Report;
const leakyNotice: DiagnosticNotice = { operationId: 'op-1', entryPoint: null, diagnostic: { code: 'effectFailed', severity: 'error', field: 'lpa.download', message: `LPA said: ${activationCode} refused` } };

describe('consoleReporter', () => {
  it.each(['text', 'jsonl'] as const)('a real inline download under createHost, reported as %s: one report line, the matching ID never in it', async (format) => {
    const out = sink();
    const { report, diagnostic } = consoleReporter({ format, stream: out });
    const device = createSimulatedDevice();
    const host = createHost({ effects: { ...device.effects, storage: new RecordStorage(), report, diagnostic } });
    device.attach(host);
    await host.start();
    host.call({ kind: 'profileDownload', entryPoint: 'MobilePlansInlineOperations.notifyProfileDownload', metadata: { ...metadata, planName: '' }, activationCode });
    await host.idle();
    await device.clock.advanceAsync(10_000);
    await host.idle();
    host.stop();

    const text = out.lines.join('');
    expect(out.lines.every((line) => line.endsWith('\n') && line.indexOf('\n') === line.length - 1)).toBe(true);
    expect(text).not.toContain(MATCHING_ID);
    const reportLines = out.lines.filter((line) => (format === 'jsonl' ? JSON.parse(line).type === 'report' : / report /.test(line)));
    expect(reportLines).toHaveLength(1);
    expect(reportLines[0]).toContain('1$smdp.example.com$***');
    expect(reportLines[0]).toContain('connected');
  });

  it('masks a code in clear wherever it sits in a report or a diagnostic, in both formats', () => {
    for (const format of ['text', 'jsonl'] as const) {
      const out = sink();
      const reporter = consoleReporter({ format, stream: out, now: () => AT });
      reporter.report(leakyReport);
      reporter.diagnostic(leakyNotice);
      expect(out.lines.join('')).not.toContain(MATCHING_ID);
      expect(out.lines.join('')).toContain('1$smdp.example.com$***');
    }
  });

  it('writes readable text lines', () => {
    const out = sink();
    const reporter = consoleReporter({ stream: out, now: () => AT });
    reporter.report({ ...leakyReport, metadata: metadata as Report['metadata'] });
    reporter.diagnostic(leakyNotice);
    expect(out.lines).toEqual([
      '2026-12-01T23:00:00.000Z report op-1 inlineDownload failed activation=unknownError code=1$smdp.example.com$*** entry=MobilePlansInlineOperations.notifyProfileDownload took=5.0s\n',
      '2026-12-01T23:00:00.000Z error effectFailed op-1 lpa.download: LPA said: 1$smdp.example.com$*** refused\n',
    ]);
  });

  it('writes JSON lines that parse back to the report and the notice', () => {
    const out = sink();
    const reporter = consoleReporter({ format: 'jsonl', stream: out, now: () => AT });
    reporter.report({ ...leakyReport, metadata: metadata as Report['metadata'] });
    reporter.diagnostic({ ...leakyNotice, diagnostic: { ...leakyNotice.diagnostic, message: 'no code here' } });
    expect(out.lines.map((line) => JSON.parse(line))).toEqual([
      { time: '2026-12-01T23:00:00.000Z', type: 'report', report: { ...leakyReport, metadata: metadata as Report['metadata'] } },
      { time: '2026-12-01T23:00:00.000Z', type: 'diagnostic', notice: { ...leakyNotice, diagnostic: { ...leakyNotice.diagnostic, message: 'no code here' } } },
    ]);
  });

  it('a stream that throws loses the line, not the host; an unknown format is refused', () => {
    const reporter = consoleReporter({ stream: { write: () => { throw new Error('EPIPE'); } } });
    expect(() => reporter.diagnostic(leakyNotice)).not.toThrow();
    expect(() => consoleReporter({ format: 'xml' as 'text' })).toThrow(/format must be 'text' or 'jsonl'/);
  });
});
