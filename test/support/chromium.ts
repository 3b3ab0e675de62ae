/**
 * The browser tests find Chromium as `mobile-plans test-portal` does (src/cli/browser/chromium.ts):
 * `CHROMIUM_PATH`, the Chromium inside `@sparticuz/chromium`, Playwright's own, system paths.
 * A missing browser is an error, never a skip.
 */
export { CHROMIUM_ARGS, findChromium, type FoundChromium } from '../../src/cli/browser/chromium';
