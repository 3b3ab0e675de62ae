import type { WebViewTransport } from '../endpoint';

/** The IPC channel the page script's Electron bridge and the main process share. */
export const ELECTRON_CHANNEL = 'mobile-plans';

/** The part of Electron's `ipcMain` the transport uses. */
export interface ElectronIpcMain {
  /** Listen on a channel. */
  on(channel: string, listener: (event: ElectronIpcEvent, message: unknown) => void): unknown;
  /** Stop listening. */
  removeListener(channel: string, listener: (event: ElectronIpcEvent, message: unknown) => void): unknown;
}

/** The part of an `IpcMainEvent` the transport uses: the frame Electron says sent it. */
export interface ElectronIpcEvent {
  /** The frame that sent the message (null once it is gone): its address, and how to answer it. */
  readonly senderFrame: { readonly url: string; send(channel: string, message: string): void } | null;
}

/**
 * The Electron transport (main process): the preload's `contextBridge` object
 * (`mobilePlansElectron`, see docs/webview.md) sends on {@link ELECTRON_CHANNEL}; the origin is
 * `event.senderFrame.url`, Electron's record of the sending frame; answers go to that frame.
 *
 * @param ipcMain - Electron's `ipcMain`
 * @example const endpoint = createWebViewEndpoint(host, { allowedHosts, transport: electronTransport(ipcMain) });
 */
export function electronTransport(ipcMain: ElectronIpcMain): WebViewTransport {
  return {
    listen(receive) {
      const listener = (event: ElectronIpcEvent, message: unknown): void => {
        const frame = event.senderFrame;
        receive(message, { url: () => frame?.url ?? '', post: (reply) => frame?.send(ELECTRON_CHANNEL, reply) });
      };
      ipcMain.on(ELECTRON_CHANNEL, listener);
      return () => void ipcMain.removeListener(ELECTRON_CHANNEL, listener);
    },
  };
}
