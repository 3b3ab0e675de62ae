import { createHost, type Effects, type Host } from 'mobile-plans-fulfillment';
import { consoleReporter, createScheduler, fileStorage, type LineSink } from 'mobile-plans-fulfillment/node';
import { createWebViewEndpoint, type WebViewEndpoint, type WebViewTransport } from 'mobile-plans-fulfillment/webview';

/** What the host application brings: its LPA, modem and screens. The portal is in its web view, reached through `transport`. */
export interface DevicePlatform extends Pick<Effects, 'lpa' | 'modem' | 'ui'> {
  /** Send the modem's registration changes and the user's answers to `host`. */
  connect(host: Host): void;
}

/** How the web view is reached and whom it may show. */
export interface WebViewSetup {
  /** The web view's transport: `nativeTransport`, `electronTransport`, `playwrightTransport` or `cdpTransport`. */
  readonly transport: WebViewTransport;
  /** The operator's portal hosts, e.g. `['portal.example.com']`. */
  readonly allowedHosts: readonly string[];
}

/** A running host and the way to shut it down so that the process can exit. */
export interface RunningWebViewHost {
  readonly host: Host;
  shutdown(): void;
}

/**
 * A complete host: the portal in a web view (the page script injected into every frame, the
 * endpoint here), its state in `directory`, its timers on the wall clock, its reports and
 * diagnostics, the endpoint's refusals among them, as JSON lines on `log`, matching ID masked.
 */
export async function startWebViewHost(platform: DevicePlatform, webView: WebViewSetup, directory: string, log: LineSink = process.stderr): Promise<RunningWebViewHost> {
  const scheduler = createScheduler();
  const { report, diagnostic } = consoleReporter({ format: 'jsonl', stream: log });
  // Created once the host has started: callbacks of operations restored from `directory` belong
  // to pages of the last run, which are gone; they stay in the operations' reports.
  let endpoint: WebViewEndpoint | undefined;
  const host = createHost({
    effects: {
      now: () => Date.now(), // the scheduler's clock too
      lpa: platform.lpa,
      modem: platform.modem,
      ui: platform.ui,
      callback: (operationId, script, args) => endpoint?.deliver(operationId, script, args),
      scheduler,
      storage: fileStorage(directory),
      report,
      diagnostic,
    },
  });
  platform.connect(host);
  await host.start(); // load the directory, re-arm every deadline, resume
  // The origin is the one the web view reports for the calling frame, never one the page claims.
  endpoint = createWebViewEndpoint(host, { allowedHosts: webView.allowedHosts, transport: webView.transport, onDiagnostic: diagnostic });
  const open = endpoint;
  return {
    host,
    shutdown() {
      open.close();
      host.stop();
      scheduler.dispose();
    },
  };
}
