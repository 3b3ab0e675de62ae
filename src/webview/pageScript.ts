/** Where the built page script sits beside this module in the package (`dist/webview.js` → `dist/browser/`). */
const PAGE_SCRIPT = './browser/mobile-plans-webview.js';

/**
 * The `file:` URL (a string) of the page script in the installed package, to read and inject
 * into the web view: `readFileSync(new URL(pageScriptUrl()), 'utf8')` in Node; a native app
 * bundles the file itself. The same file is `import.meta.resolve('mobile-plans-fulfillment/webview-page')`.
 */
export function pageScriptUrl(): string {
  return new URL(PAGE_SCRIPT, import.meta.url).href;
}
