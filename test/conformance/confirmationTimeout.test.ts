import { describe, expect, it } from 'vitest';
import { DEFAULT_TIMING } from '../../machines/definition';
import { startSimulator, type SimulatorOptions } from '../../src/sim';

type Page = Record<string, any>;

const METADATA = { userAccount: 'New', purchaseInstrument: 'New', lineType: 'New', moDirectStatus: 'Complete', planName: 'Plan' };
/** Flag 1: the user must give a confirmation code. */
const CONFIRM_CODE = '1$smdp.example.com$PROMPT-1$$1';

function simulator(config?: SimulatorOptions['config']) {
  const page: Page = {};
  const callbacks: Array<Record<string, unknown>> = [];
  const sim = startSimulator({
    global: page,
    origin: 'https://portal.example.com/buy',
    allowedHosts: ['portal.example.com'],
    console: false,
    ...(config === undefined ? {} : { config }),
    onCallback: (_id, _script, args) => callbacks.push(JSON.parse(args) as Record<string, unknown>),
  });
  return { page, sim, callbacks };
}

describe('issue 15 item 4: an unanswered confirmation-code prompt', () => {
  it('ends with timeoutWaitingForUserConsent after the default 30 minutes, and not before', async () => {
    expect(DEFAULT_TIMING.confirmationPromptTimeoutMs).toBe(30 * 60_000);
    const { page, sim, callbacks } = simulator();
    page['MobilePlansInlineOperations'].notifyProfileDownload(METADATA, CONFIRM_CODE);
    await sim.advance(29);
    expect(sim.operations()).toMatchObject([{ state: 'confirmationCode', live: true }]);
    expect(callbacks).toEqual([]);
    await sim.advance(1);
    expect(sim.operations()).toMatchObject([{ state: 'failed', live: false, outcome: 'failed' }]);
    expect(callbacks).toEqual([{ activationResult: 'timeoutWaitingForUserConsent', iccid: '' }]);
    expect(sim.reports()).toMatchObject([{ activationResult: 'timeoutWaitingForUserConsent' }]);
  });

  it('waits as long as the host configures', async () => {
    const { page, sim } = simulator({ timing: { confirmationPromptTimeoutMs: 5 * 60_000 } });
    page['MobilePlansInlineOperations'].notifyProfileDownload(METADATA, CONFIRM_CODE);
    await sim.advance(5);
    expect(sim.reports()).toMatchObject([{ outcome: 'failed', activationResult: 'timeoutWaitingForUserConsent' }]);
  });

  it('counts a prompt asked again (the SM-DP+ wanted the code) from the new prompt, and a code given in time downloads', async () => {
    const { page, sim } = simulator();
    page['MobilePlansInlineOperations'].notifyProfileDownload(METADATA, CONFIRM_CODE);
    await sim.advance(20);
    sim.setOutcome('download', 'incorrectConfirmationCode');
    sim.confirmationCode('0000');
    await sim.advance(1);
    expect(sim.operations()).toMatchObject([{ state: 'confirmationCode' }]);
    await sim.advance(25); // 46 minutes after the first prompt, 25 after the second
    expect(sim.operations()).toMatchObject([{ state: 'confirmationCode', live: true }]);
    sim.confirmationCode('4711');
    await sim.advance(1);
    expect(sim.reports()).toMatchObject([{ outcome: 'connected' }]);
  });

  it('keeps its deadline across a host restart', async () => {
    const { page, sim } = simulator();
    page['MobilePlansInlineOperations'].notifyProfileDownload(METADATA, CONFIRM_CODE);
    await sim.advance(10);
    await sim.restart();
    await sim.advance(20);
    expect(sim.reports()).toMatchObject([{ activationResult: 'timeoutWaitingForUserConsent' }]);
  });
});
