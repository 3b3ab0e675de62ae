/**
 * A portal given as a local file or folder is served from 127.0.0.1 on a free port, read-only,
 * so the page runs from an http origin as a real portal does (modules, fetch, relative URLs),
 * not from file://. Nothing above the folder is reachable; only GET and HEAD are answered.
 */
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, resolve, sep } from 'node:path';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** A folder served on localhost. */
export interface ServedFolder {
  /** `http://127.0.0.1:<port>/` */
  readonly origin: string;
  readonly root: string;
  close(): Promise<void>;
}

/**
 * Serve `root` on 127.0.0.1 and a free port. A folder's `index.html` answers for the folder;
 * a missing path under a folder answers with the root `index.html` when `spaFallback` is set
 * (client-side routing: `/plans/2` is a route of the app, not a file).
 *
 * @param root - the folder to serve
 * @param options - `spaFallback`: answer unknown paths that look like routes with /index.html
 */
export async function serveFolder(root: string, options: { spaFallback?: boolean } = {}): Promise<ServedFolder> {
  const base = resolve(root);
  const server = createServer((request, response) => {
    void (async () => {
      if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'text/plain; charset=utf-8', 'method not allowed');
      const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
      let file = resolve(base, `.${path}`);
      if (file !== base && !file.startsWith(base + sep)) return send(response, 404, 'text/plain; charset=utf-8', 'not found');
      if ((await stat(file).catch(() => null))?.isDirectory() === true) file = resolve(file, 'index.html');
      let body = await readFile(file).catch(() => null);
      if (body === null && options.spaFallback === true && extname(path) === '') {
        file = resolve(base, 'index.html');
        body = await readFile(file).catch(() => null);
      }
      if (body === null) return send(response, 404, 'text/plain; charset=utf-8', 'not found');
      send(response, 200, TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream', body);
    })().catch(() => send(response, 500, 'text/plain; charset=utf-8', 'server error'));
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}/`,
    root: base,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

function send(response: import('node:http').ServerResponse, status: number, type: string, body: string | Uint8Array): void {
  if (response.headersSent) return void response.end();
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  response.end(body);
}
