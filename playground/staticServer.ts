import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, resolve, sep } from 'node:path';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** A response made in code rather than read from disk (`/playground-config.js`, ...). */
export interface GeneratedResponse {
  readonly type: string;
  readonly body: string | (() => string | Promise<string>);
}

/** What one static server serves: a folder, extra files by URL path, and where `/` leads. */
export interface StaticSite {
  /** The folder served at `/` (nothing above it is reachable). */
  readonly root: string;
  /** Files outside `root`, by URL path (e.g. `/mobile-plans-sim.js` → the built bundle). */
  readonly files?: Readonly<Record<string, string>>;
  /** Responses made in code, by URL path. */
  readonly generated?: Readonly<Record<string, GeneratedResponse>>;
  /** The page `/` redirects to (default: `/index.html`). */
  readonly index?: string;
}

/** A listening server and the address it got. */
export interface Listening {
  readonly server: Server;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Serve a folder over HTTP, read-only, without caching (the playground is edited live).
 * Paths are resolved inside `root`; anything that escapes it is a 404.
 */
export function createStaticServer(site: StaticSite): Server {
  const root = resolve(site.root);
  return createServer((request, response) => {
    void (async () => {
      const path = decodeURIComponent(new URL(request.url ?? '/', 'http://playground').pathname);
      if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'text/plain; charset=utf-8', 'method not allowed');
      if (path === '/') {
        response.writeHead(302, { location: site.index ?? '/index.html' });
        return response.end();
      }
      const generated = site.generated?.[path];
      if (generated !== undefined) return send(response, 200, generated.type, typeof generated.body === 'string' ? generated.body : await generated.body());
      const file = site.files?.[path] ?? resolve(root, `.${path}`);
      if (site.files?.[path] === undefined && !file.startsWith(root + sep)) return send(response, 404, 'text/plain; charset=utf-8', 'not found');
      try {
        const body = await readFile(file);
        send(response, 200, TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream', body);
      } catch {
        send(response, 404, 'text/plain; charset=utf-8', 'not found');
      }
    })().catch(() => send(response, 500, 'text/plain; charset=utf-8', 'server error'));
  });
}

function send(response: import('node:http').ServerResponse, status: number, type: string, body: string | Uint8Array): void {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  response.end(body);
}

/**
 * Listen on `host:port`; when that port is taken (or `port` is 0), on a free port instead.
 *
 * @param server - the server to start
 * @param host - the interface, e.g. `127.0.0.1`
 * @param port - the port wanted (0: any free port)
 */
export async function listen(server: Server, host: string, port: number): Promise<Listening> {
  const attempt = (wanted: number) =>
    new Promise<void>((done, fail) => {
      const onError = (error: Error) => {
        server.off('listening', onListening);
        fail(error);
      };
      const onListening = () => {
        server.off('error', onError);
        done();
      };
      server.once('error', onError);
      server.once('listening', onListening);
      server.listen(wanted, host);
    });
  try {
    await attempt(port);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port === 0) throw error;
    await attempt(0);
  }
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
