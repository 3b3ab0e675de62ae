/**
 * The words under the statechart: the path the operation took and its last step (what the
 * tints and the thick arrow show), and the events its state accepts, as buttons for those the
 * page can send and as a note on who sends the others.
 */

/**
 * @param {Array<{ state: string }>} path - the states entered, in order
 * @param {{ source: string, target: string, label: string } | undefined} taken - the transition just taken
 * @example pathStory([{ state: 'received' }, { state: 'scheduled' }], { source: 'received', target: 'scheduled', label: 'operation.start' })
 * // 'Path: received → scheduled. Last step: received → scheduled on operation.start.'
 */
export function pathStory(path, taken) {
  const states = path.map((h) => h.state).join(' → ');
  const last = taken === undefined ? '' : ` Last step: ${taken.source} → ${taken.target} on ${taken.label}.`;
  return `Path: ${states}.${last}`;
}

/**
 * Draw the path and the accepted events.
 *
 * @param {HTMLElement} container
 * @param {{ states: Array<{ name: string, final: boolean, transitions: Array<{ event: string }> }> }} machine
 * @param {{ id: string, state: string, live: boolean, outcome?: string }} op
 * @param {Map<string, { text: string }>} actions - the events the page can send now
 * @param {string} story - from {@link pathStory}
 * @param {(event: string) => void} send
 */
export function drawChartEvents(container, machine, op, actions, story, send) {
  container.replaceChildren();
  const path = document.createElement('p');
  path.className = 'hint path';
  path.textContent = story;
  container.append(path);
  const state = machine.states.find((s) => s.name === op.state);
  const heading = document.createElement('p');
  heading.className = 'hint';
  if (state === undefined || state.final || !op.live) {
    heading.textContent = `${op.id} ended in ${op.state}${op.outcome ? ` (${op.outcome})` : ''}: a final state, nothing more happens to it.`;
    container.append(heading);
    return;
  }
  heading.textContent = `${op.id} is in ${op.state}. It accepts:`;
  const list = document.createElement('ul');
  for (const event of new Set(state.transitions.map((t) => t.event))) {
    const item = document.createElement('li');
    const action = actions.get(event);
    if (action !== undefined) {
      const button = document.createElement('button');
      button.type = 'button';
      button.dataset.event = event;
      button.textContent = action.text;
      button.append(' ', Object.assign(document.createElement('code'), { textContent: event }));
      button.addEventListener('click', () => send(event));
      item.append(button);
    } else {
      item.append(Object.assign(document.createElement('code'), { textContent: event }), ` — ${waitsFor(event)}`);
    }
    list.append(item);
  }
  container.append(heading, list);
}

function waitsFor(event) {
  if (event.startsWith('lpa.')) return 'the simulated LPA answers as the clock moves';
  if (event.startsWith('modem.')) return 'the simulated modem answers as the clock moves';
  if (event === 'timer.fired') return 'no deadline is armed';
  return 'sent by the host itself';
}
