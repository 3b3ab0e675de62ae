import { describe, expect, it } from 'vitest';
import { declaredFunctionNames, portalSource } from '../../src/cli/lint/scripts';

describe('portal scripts for lint-portal', () => {
  it('takes the inline classic scripts of a page in order and lists the ones it skips', () => {
    const html = [
      '<script src="https://cdn.example.com/lib.js"></script>',
      '<script>function a() {}</script>',
      '<script type="application/json">{"x":1}</script>',
      "<SCRIPT type='text/javascript'>function b() {}</SCRIPT>",
      '<script type="module">export const c = 1;</script>',
    ].join('\n');
    const source = portalSource('shop/portal.html', html);
    expect(source.scripts).toEqual([
      // Where each script starts in the file (0-based), so stack traces name the file's own lines.
      { name: 'portal.html <script> #2', source: 'function a() {}', file: 'portal.html', lineOffset: 1, columnOffset: '<script>'.length },
      { name: 'portal.html <script> #4', source: 'function b() {}', file: 'portal.html', lineOffset: 3, columnOffset: "<SCRIPT type='text/javascript'>".length },
    ]);
    expect(source.skipped).toEqual([
      '<script src="https://cdn.example.com/lib.js"> (external scripts are not fetched)',
      '<script type="application/json"> #3 (only classic scripts run)',
      '<script type="module"> #5 (only classic scripts run)',
    ]);
  });

  it('takes a .js file whole and refuses other kinds of file', () => {
    expect(portalSource('portal.js', 'x()').scripts).toEqual([{ name: 'portal.js', source: 'x()', file: 'portal.js' }]);
    expect(() => portalSource('portal.txt', '')).toThrow(/give an \.html or \.js file/);
  });

  it('names declared functions and function-valued bindings in source order, once each', () => {
    const source = `
      function buy() {}
      const later = () => buy();
      let cancel = function () {};
      var one = x => x;
      async function pay() {}
      window.notAFunction = function () {};
      obj.method = function named() {};
      function buy() {}
    `;
    expect(declaredFunctionNames(source)).toEqual(['buy', 'later', 'cancel', 'one', 'pay', 'named']);
  });
});
