/**
 * Draws a flow machine as a state diagram (SVG) from the layout the server computed with ELK
 * (playground/statechartLayout.ts), and updates it in place as the operation moves: the active
 * state, the states visited, the transition just taken, and the events the active state accepts
 * from the page, which become buttons. Every mark has a shape or a word as well as a colour.
 */

const SVG = 'http://www.w3.org/2000/svg';

/**
 * @typedef {{ x: number, y: number }} Point
 * @typedef {{ x: number, y: number, width: number, height: number }} Box
 * @typedef {{ index: number, source: string, target: string, leaves: boolean, event: string, guard: string | null, label: string, lines: string[], points: Point[], labelBox: Box }} Edge
 * @typedef {{ flow: string, width: number, height: number, start: { center: Point, radius: number, points: Point[] }, states: Array<Box & { name: string, initial: boolean, final: boolean }>, transitions: Edge[] }} Layout
 * @typedef {{ active: string | null, visited: Set<string>, taken: number | null, actionable: Map<number, string>, operationId: string | null }} ChartView
 */

function el(name, attributes = {}, text) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** An orthogonal route as a path with softened corners. */
function routePath(points) {
  const [first, ...rest] = points;
  if (first === undefined) return '';
  let d = `M${first.x},${first.y}`;
  for (let i = 0; i < rest.length; i++) {
    const p = rest[i];
    const next = rest[i + 1];
    const prev = i === 0 ? first : rest[i - 1];
    if (next === undefined) {
      d += ` L${p.x},${p.y}`;
      continue;
    }
    const r = Math.min(6, Math.hypot(p.x - prev.x, p.y - prev.y) / 2, Math.hypot(next.x - p.x, next.y - p.y) / 2);
    const before = { x: p.x - Math.sign(p.x - prev.x) * r, y: p.y - Math.sign(p.y - prev.y) * r };
    const after = { x: p.x + Math.sign(next.x - p.x) * r, y: p.y + Math.sign(next.y - p.y) * r };
    d += ` L${before.x},${before.y} Q${p.x},${p.y} ${after.x},${after.y}`;
  }
  return d;
}

/**
 * A statechart drawing bound to one container; `show` swaps the flow, `update` moves the marks.
 *
 * @param {HTMLElement} container - where the SVG goes (it scrolls sideways on narrow screens)
 * @param {(transition: Edge) => void} onEvent - called when an actionable event is clicked
 */
export function createStatechart(container, onEvent) {
  /** @type {Layout | null} */
  let layout = null;
  /** @type {SVGSVGElement | null} */
  let svg = null;
  let active = null;
  // A rotated phone or a resized window changes whether the drawing has to scroll.
  new ResizeObserver(() => scrollIntoView(active)).observe(container);

  function build(next) {
    layout = next;
    svg = el('svg', { viewBox: `0 0 ${next.width} ${next.height}`, class: 'chart', role: 'group', 'aria-label': `State diagram of ${next.flow}` });
    svg.style.setProperty('--natural-width', `${next.width}px`);
    const defs = el('defs');
    for (const [id, cls] of [['arrow', 'arrowhead'], ['arrow-taken', 'arrowhead taken']]) {
      const marker = el('marker', { id, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: 'userSpaceOnUse', orient: 'auto-start-reverse' });
      marker.append(el('path', { d: 'M0,0 L10,5 L0,10 z', class: cls }));
      defs.append(marker);
    }
    svg.append(defs);

    const start = el('g', { class: 'start', 'aria-hidden': 'true' });
    start.append(el('circle', { cx: next.start.center.x, cy: next.start.center.y, r: next.start.radius }), el('path', { d: routePath(next.start.points), class: 'edge-line', 'marker-end': 'url(#arrow)' }));
    svg.append(start);

    const edges = el('g', { class: 'edges', 'aria-hidden': 'true' });
    for (const t of next.transitions) {
      edges.append(el('path', { d: routePath(t.points), class: 'edge-line', 'data-transition': t.index, 'marker-end': 'url(#arrow)' }));
    }
    svg.append(edges);

    const states = el('g', { class: 'states' });
    for (const s of next.states) {
      const g = el('g', { class: `state${s.final ? ' final' : ''}${s.initial ? ' initial' : ''}`, 'data-state': s.name });
      g.append(el('rect', { x: s.x, y: s.y, width: s.width, height: s.height, rx: 8, class: 'box' }));
      if (s.final) g.append(el('rect', { x: s.x + 3, y: s.y + 3, width: s.width - 6, height: s.height - 6, rx: 6, class: 'inner' }));
      g.append(el('text', { x: s.x + s.width / 2, y: s.y + s.height / 2, class: 'name' }, s.name));
      // The marks in words: "now" above the active state, a tick on visited ones (shown by CSS).
      g.append(el('text', { x: s.x + 2, y: s.y - 4, class: 'badge-now' }, 'now ▼'));
      g.append(el('text', { x: s.x + s.width - 3, y: s.y + 11, class: 'badge-visited' }, '✓'));
      const title = el('title', {}, `${s.name}${s.initial ? ', initial state' : ''}${s.final ? ', final state' : ''}`);
      g.prepend(title);
      states.append(g);
    }
    svg.append(states);

    const labels = el('g', { class: 'labels' });
    for (const t of next.transitions) {
      const b = t.labelBox;
      const g = el('g', { class: 'label', 'data-transition': t.index, 'data-event': t.event });
      g.append(el('rect', { x: b.x, y: b.y, width: b.width, height: b.height, rx: 3 }));
      t.lines.forEach((line, i) => g.append(el('text', { x: b.x + 3, y: b.y + 2 + (i + 1) * 11 * 1.3 - 3, class: i === 0 ? 'event' : 'guard' }, line)));
      // Pointing at a label (or focusing it) marks its arrow, so which label is whose is never a guess.
      const mark = (on) => svg?.querySelector(`.edges [data-transition="${t.index}"]`)?.classList.toggle('pointed', on);
      g.addEventListener('mouseenter', () => mark(true));
      g.addEventListener('mouseleave', () => mark(false));
      g.addEventListener('focus', () => mark(true));
      g.addEventListener('blur', () => mark(false));
      g.addEventListener('click', () => g.getAttribute('role') === 'button' && onEvent(t));
      g.addEventListener('keydown', (event) => {
        if (g.getAttribute('role') !== 'button' || (event.key !== 'Enter' && event.key !== ' ')) return;
        event.preventDefault();
        onEvent(t);
      });
      labels.append(g);
    }
    svg.append(labels);
    container.replaceChildren(svg);
  }

  return {
    /**
     * Draw this flow (nothing is redrawn when it is the one already shown).
     * @param {Layout | undefined} next
     */
    show(next) {
      if (next === undefined) {
        layout = null;
        svg = null;
        container.replaceChildren();
        return;
      }
      if (layout !== next) build(next);
    },
    /**
     * Move the marks.
     * @param {ChartView} view
     */
    update(view) {
      if (svg === null || layout === null) return;
      for (const g of svg.querySelectorAll('.state')) {
        const name = g.getAttribute('data-state') ?? '';
        g.classList.toggle('active', name === view.active);
        g.classList.toggle('visited', view.visited.has(name) && name !== view.active);
        const title = g.querySelector('title');
        const s = layout.states.find((x) => x.name === name);
        if (title && s) title.textContent = `${name}${s.initial ? ', initial state' : ''}${s.final ? ', final state' : ''}${name === view.active ? ', the current state' : view.visited.has(name) ? ', visited' : ''}`;
      }
      for (const path of svg.querySelectorAll('.edges .edge-line')) {
        const taken = Number(path.getAttribute('data-transition')) === view.taken;
        path.classList.toggle('taken', taken);
        path.setAttribute('marker-end', taken ? 'url(#arrow-taken)' : 'url(#arrow)');
      }
      for (const g of svg.querySelectorAll('.label')) {
        const index = Number(g.getAttribute('data-transition'));
        const t = layout.transitions[index];
        g.classList.toggle('taken', index === view.taken);
        const action = view.actionable.get(index);
        g.classList.toggle('actionable', action !== undefined);
        if (action !== undefined && t !== undefined) {
          g.setAttribute('role', 'button');
          g.setAttribute('tabindex', '0');
          g.setAttribute('aria-label', `${action} (${t.label} → ${t.target})`);
        } else {
          g.removeAttribute('role');
          g.removeAttribute('tabindex');
          g.removeAttribute('aria-label');
        }
      }
      if (view.taken !== null) svg.querySelector(`.edges [data-transition="${view.taken}"]`)?.parentNode?.append(svg.querySelector(`.edges [data-transition="${view.taken}"]`));
      active = view.active;
      scrollIntoView(view.active);
    },
  };

  /** On narrow screens the drawing scrolls sideways: keep the active state in sight. */
  function scrollIntoView(active) {
    const scrolls = container.scrollWidth > container.clientWidth;
    container.parentElement?.classList.toggle('scrolls', scrolls);
    const s = layout?.states.find((x) => x.name === active);
    if (s === undefined || layout === null || !scrolls) return;
    const scale = container.scrollWidth / layout.width;
    const left = (s.x + s.width / 2) * scale - container.clientWidth / 2;
    container.scrollLeft = Math.max(0, left);
  }
}
