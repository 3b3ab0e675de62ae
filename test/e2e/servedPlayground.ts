import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPlayground, type Playground } from '../../playground/serve';

/** A playground served on a free port, with the simulator bundle built into a folder of its own. */
export interface ServedPlayground {
  readonly playground: Playground;
  /** Stop the server and remove the bundle. */
  close(): Promise<void>;
}

/**
 * Serve the playground for one test file. Its own bundle file, so other tests that build the
 * bundle never hand the browser a half-written one.
 */
export async function servePlayground(): Promise<ServedPlayground> {
  const bundleDir = mkdtempSync(join(tmpdir(), 'playground-bundle-'));
  try {
    const playground = await startPlayground({ port: 0, bundleFile: join(bundleDir, 'mobile-plans-sim.js') });
    return {
      playground,
      close: async () => {
        await playground.close();
        rmSync(bundleDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(bundleDir, { recursive: true, force: true });
    throw error;
  }
}
