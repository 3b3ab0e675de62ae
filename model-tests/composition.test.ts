import { describe, expect, it } from 'vitest';
import { explore, iccidFor, type OperationSpec } from './composition';
import { BALANCE_ICCID, CODE, CONFIRM_CODE, METADATA } from '../src/testing/scenarios';

/*
 * Two and three operations at once, every interleaving up to a bound, through the pure core
 * (decision D19, docs/decisions.md): one LPA operation at a time, same-code hand-offs return the
 * first operation, a cancel of one never affects another.
 */

const INLINE = 'MobilePlansInlineOperations.notifyProfileDownload';
const delayedDownload: OperationSpec = { name: 'delayed download', code: CODE, call: { kind: 'profileDownload', entryPoint: INLINE, metadata: METADATA, activationCode: CODE, downloadDelay: 15 } };
const sameCodeInline: OperationSpec = { name: 'inline download of the same code', code: CODE, call: { kind: 'profileDownload', entryPoint: INLINE, metadata: METADATA, activationCode: `LPA:${CODE}` } };
const inlineDownload: OperationSpec = { name: 'inline download', code: CONFIRM_CODE, call: { kind: 'profileDownload', entryPoint: INLINE, metadata: METADATA, activationCode: CONFIRM_CODE } };
const balanceAddition: OperationSpec = { name: 'balance addition', code: null, call: { kind: 'balanceAddition', entryPoint: 'MobilePlans.notifyBalanceAddition', metadata: METADATA, iccid: BALANCE_ICCID } };
const balanceOfDownloaded: OperationSpec = {
  name: 'balance addition of the downloaded profile',
  code: null,
  call: { kind: 'balanceAddition', entryPoint: 'MobilePlans.notifyBalanceAddition', metadata: METADATA, iccid: iccidFor(CONFIRM_CODE) },
};
const delayedProfile: OperationSpec = { name: 'delayed profile', code: null, call: { kind: 'delayedProfile', entryPoint: 'DataMart.notifyPurchaseDelayedProfile', metadata: METADATA, profileDownloadDelayInterval: 15 } };

const PRODUCTS: ReadonlyArray<{ specs: OperationSpec[]; depth: number; rules: string[] }> = [
  { specs: [delayedDownload, balanceAddition], depth: 14, rules: ['LPA busy with other operations live', 'cancel inside the window, others live', 'queued LPA command starts after an answer'] },
  { specs: [sameCodeInline, delayedDownload], depth: 14, rules: ['same-code hand-off returns the first operation'] },
  { specs: [inlineDownload, balanceOfDownloaded], depth: 12, rules: ['registration reaches several operations on one profile'] },
  { specs: [delayedProfile, inlineDownload], depth: 13, rules: ['LPA busy with other operations live', 'cancel inside the window, others live', 'queued LPA command starts after an answer'] },
  { specs: [delayedDownload, balanceAddition, inlineDownload], depth: 10, rules: ['LPA busy with other operations live', 'cancel inside the window, others live', 'queued LPA command starts after an answer'] },
];

describe('concurrent operations through the core', () => {
  for (const { specs, depth, rules } of PRODUCTS) {
    it(`${specs.map((s) => s.name).join(' + ')}: every interleaving up to ${depth} inputs keeps the cross-operation rules`, () => {
      const result = explore(specs, depth);
      console.log(`${specs.map((s) => s.name).join(' + ')}: ${result.nodes} states, ${result.steps} steps (depth ${depth}); rules exercised ${JSON.stringify(result.exercised)}`);
      expect(result.violations).toEqual([]);
      for (const rule of rules) expect(result.exercised[rule] ?? 0, `"${rule}" was exercised`).toBeGreaterThan(0);
    });
  }
});
