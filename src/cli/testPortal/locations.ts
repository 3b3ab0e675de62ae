/**
 * From a page's stack trace to the portal line a developer opens: the first frame that is not
 * the injected agent's, named relative to the served folder (`spa/app.js:42:7`) or by URL, and
 * mapped through the script's source map when it ships one (`src/checkout.ts:12:5`).
 */
import { AGENT_SCRIPT_URL } from './events';

/** A place in the portal's code. */
export interface SourceLocation {
  /** What to open: a path relative to the served folder, or the URL. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** The place in the code the browser ran, when a source map moved it. */
  readonly generated?: string;
}

/** One frame of a V8 stack: `    at fn (http://host/app.js:3:9)` or `    at http://host/app.js:3:9`. */
const FRAME = /^\s*at (?:.*?\()?((?:https?|file):\/\/[^\s()]+?):(\d+):(\d+)\)?\s*$/;

/** The frames of a stack trace that point into the page's own scripts, innermost first. */
export function portalFrames(stack: string): Array<{ url: string; line: number; column: number }> {
  const frames: Array<{ url: string; line: number; column: number }> = [];
  for (const text of stack.split('\n')) {
    if (text.includes(AGENT_SCRIPT_URL)) continue;
    const match = FRAME.exec(text);
    if (match !== null) frames.push({ url: match[1] ?? '', line: Number(match[2]), column: Number(match[3]) });
  }
  return frames;
}

/** Resolves frames to locations, reading source maps through `fetchText` (cached per URL). */
export class Locator {
  readonly #servedOrigin: string | null;
  readonly #fetchText: (url: string) => Promise<string | null>;
  readonly #maps = new Map<string, Promise<MapConsumer | null>>();
  #mapsMissing = false;

  /**
   * @param servedOrigin - the origin of the local server (`http://127.0.0.1:1234/`), whose paths are shown relative
   * @param fetchText - reads a script or map; null when it cannot
   */
  constructor(servedOrigin: string | null, fetchText: (url: string) => Promise<string | null>) {
    this.#servedOrigin = servedOrigin;
    this.#fetchText = fetchText;
  }

  /** True once a page shipped a source map that could not be read because source-map-js is not installed. */
  get sourceMapsSkipped(): boolean {
    return this.#mapsMissing;
  }

  /** The portal location of the innermost portal frame of `stack`, or null when it has none. */
  async ofStack(stack: string): Promise<SourceLocation | null> {
    const frame = portalFrames(stack)[0];
    return frame === undefined ? null : this.of(frame.url, frame.line, frame.column);
  }

  /** A location in a page script (1-based line and column), mapped when the script has a source map. */
  async of(url: string, line: number, column: number): Promise<SourceLocation> {
    const here = { file: this.display(url), line, column };
    const map = await this.#mapFor(url);
    const original = map?.consumer.originalPositionFor({ line, column: column - 1 });
    if (map === null || original === undefined || original?.source === null || original.line === null) return here;
    const source = new URL(original.source, map.url).href;
    return { file: this.display(source), line: original.line, column: (original.column ?? 0) + 1, generated: `${here.file}:${line}:${column}` };
  }

  /** A URL as the developer knows it: relative to the served folder, else without its query. */
  display(url: string): string {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return url;
    }
    if (this.#servedOrigin !== null && url.startsWith(this.#servedOrigin)) return decodeURIComponent(parsed.pathname.slice(1));
    return `${parsed.origin}${parsed.pathname}`;
  }

  #mapFor(url: string): Promise<MapConsumer | null> {
    let map = this.#maps.get(url);
    if (map === undefined) this.#maps.set(url, (map = this.#loadMap(url).catch(() => null)));
    return map;
  }

  async #loadMap(scriptUrl: string): Promise<MapConsumer | null> {
    if (!/\.m?js$/i.test(new URL(scriptUrl).pathname)) return null;
    const script = await this.#fetchText(scriptUrl);
    const link = script === null ? null : /\/\/[#@] sourceMappingURL=(\S+)\s*$/.exec(script)?.[1];
    if (link === undefined || link === null) return null;
    const mapUrl = new URL(link, scriptUrl).href;
    const text = mapUrl.startsWith('data:') ? dataUrlText(mapUrl) : await this.#fetchText(mapUrl);
    if (text === null) return null;
    let library: typeof import('source-map-js');
    try {
      library = await import('source-map-js');
    } catch {
      this.#mapsMissing = true;
      return null;
    }
    return { url: mapUrl.startsWith('data:') ? scriptUrl : mapUrl, consumer: new library.SourceMapConsumer(JSON.parse(text) as import('source-map-js').RawSourceMap) };
  }
}

interface MapConsumer {
  /** Where the map's `sources` are relative to. */
  readonly url: string;
  readonly consumer: import('source-map-js').SourceMapConsumer;
}

function dataUrlText(url: string): string | null {
  const match = /^data:[^,]*?(;base64)?,(.*)$/s.exec(url);
  if (match === null) return null;
  return match[1] === undefined ? decodeURIComponent(match[2] ?? '') : Buffer.from(match[2] ?? '', 'base64').toString('utf8');
}

/** `file:line:column`. */
export function formatLocation(location: SourceLocation): string {
  return `${location.file}:${location.line}:${location.column}`;
}
