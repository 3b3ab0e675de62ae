/**
 * The web-view page script's entry (`dist/browser/mobile-plans-webview.js`): injected by the host
 * application into every frame of its web view before the portal's own scripts run (a WebView2
 * `AddScriptToExecuteOnDocumentCreatedAsync`, a `WKUserScript` at document start, Android
 * `addDocumentStartJavaScript`, Electron's preload, CDP `Page.addScriptToEvaluateOnNewDocument`).
 * It defines every generation's portal objects and nothing else but the transport's receive hook.
 */
import { installWebViewPage } from './install';

// Injected twice into one document (two init scripts), the first install stays.
if (Reflect.getOwnPropertyDescriptor(globalThis, 'MobilePlansInlineOperations') === undefined) installWebViewPage(globalThis);
