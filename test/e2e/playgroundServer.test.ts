import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlayground, type Playground } from '../../playground/serve';
import { FLOW_NAMES } from '../../machines/index';

let playground: Playground;
let bundleDir: string | undefined;

beforeAll(async () => {
  // Its own bundle file, so the browser test running alongside never reads a half-written one.
  bundleDir = mkdtempSync(join(tmpdir(), 'playground-bundle-'));
  playground = await startPlayground({ port: 0, bundleFile: join(bundleDir, 'mobile-plans-sim.js') });
}, 60_000);

afterAll(async () => {
  await playground?.close();
  if (bundleDir !== undefined) rmSync(bundleDir, { recursive: true, force: true });
});

describe('the playground servers', () => {
  it('serve the host page and the portal on two different origins that name each other', async () => {
    const hostOrigin = new URL(playground.url).origin;
    expect(playground.portalOrigin).not.toBe(hostOrigin);
    const hostConfig = await (await fetch(`${hostOrigin}/playground-config.js`)).text();
    expect(hostConfig).toContain(`window.PLAYGROUND_PORTAL_ORIGIN = "${playground.portalOrigin}"`);
    const portalConfig = await (await fetch(`${playground.portalOrigin}/playground-config.js`)).text();
    expect(portalConfig).toContain(`window.PLAYGROUND_HOST_ORIGIN = "${hostOrigin}"`);
  });

  it('redirect / to the host page and to the good sample portal', async () => {
    const host = await fetch(playground.url, { redirect: 'manual' });
    expect(host.status).toBe(302);
    expect(host.headers.get('location')).toBe('/index.html');
    const portal = await fetch(`${playground.portalOrigin}/`, { redirect: 'manual' });
    expect(portal.headers.get('location')).toBe('/good-portal.html');
  });

  it('serve the browser bundle to the portal and every statechart to the host page', async () => {
    const bundle = await fetch(`${playground.portalOrigin}/mobile-plans-sim.js`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toContain('text/javascript');
    expect(await bundle.text()).toContain('MobilePlansSim');
    const data = (await (await fetch(`${playground.url}playground-data.json`)).json()) as {
      machines: Record<string, { states: Array<{ name: string }>; layout: { states: Array<{ name: string; width: number }>; transitions: unknown[] } }>;
      activationErrors: string[];
    };
    expect(Object.keys(data.machines)).toEqual(FLOW_NAMES);
    expect(data.machines['delayedDownload']?.states.map((s) => s.name)).toContain('toastShown');
    // Each statechart comes laid out: a placed box for every state.
    for (const flow of FLOW_NAMES) {
      const machine = data.machines[flow];
      expect(machine?.layout.states.map((s) => s.name), flow).toEqual(machine?.states.map((s) => s.name));
      expect(machine?.layout.states.every((s) => s.width > 0), flow).toBe(true);
    }
    expect(data.activationErrors).toContain('serverNotReachable');
  });

  it('serve nothing outside their folders', async () => {
    const { port } = new URL(playground.url);
    for (const path of ['/../serve.ts', '/%2e%2e/serve.ts', '/serve.ts', '/..%2fpackage.json']) {
      const response = await fetch(`http://127.0.0.1:${port}${path}`);
      expect(response.status, path).toBe(404);
    }
  });
});
