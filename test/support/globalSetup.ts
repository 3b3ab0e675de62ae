/**
 * Runs once before the test files: finds Chromium and hands its path to every worker through
 * `CHROMIUM_PATH`, so the packaged browser is unpacked once, not raced by parallel test files.
 */
import { findChromium } from './chromium';

export default async function setup(): Promise<void> {
  const chromium = await findChromium();
  process.env['CHROMIUM_PATH'] = chromium.path;
}
