/**
 * Draws one flow machine as boxes, in the order its states are declared: the active state
 * highlighted, the states the operation went through tinted, final states double-bordered,
 * and the transitions out of the active state listed underneath. No dependencies.
 *
 * @param {HTMLElement} container - where the boxes go
 * @param {HTMLElement} caption - where the outgoing transitions are listed
 * @param {{ flow: string, initial: string, states: Array<{ name: string, final: boolean, transitions: Array<{ event: string, target: string, guard: string | null }> }> } | undefined} machine
 * @param {string | null} active - the operation's current state
 * @param {Set<string>} visited - the states it has been in
 */
export function drawStatechart(container, caption, machine, active, visited) {
  container.replaceChildren();
  caption.textContent = '';
  if (machine === undefined) return;
  const list = document.createElement('ol');
  list.className = 'states';
  list.setAttribute('aria-label', `States of ${machine.flow}`);
  for (const state of machine.states) {
    const box = document.createElement('li');
    box.className = 'state';
    box.dataset.state = state.name;
    if (state.final) box.classList.add('final');
    if (state.name === machine.initial) box.classList.add('initial');
    if (visited.has(state.name)) box.classList.add('visited');
    if (state.name === active) {
      box.classList.add('active');
      box.setAttribute('aria-current', 'step');
    }
    box.textContent = state.name;
    const targets = [...new Set(state.transitions.map((t) => t.target).filter((t) => t !== state.name))];
    box.title = targets.length === 0 ? (state.final ? 'final state' : 'no way out') : `leads to ${targets.join(', ')}`;
    list.append(box);
  }
  container.append(list);
  const current = machine.states.find((s) => s.name === active);
  if (current === undefined) return;
  if (current.final) {
    caption.textContent = `${active} is a final state: the operation has reported.`;
    return;
  }
  const ways = current.transitions.map((t) => `${t.event}${t.guard === null ? '' : ` [${t.guard}]`} → ${t.target}`);
  caption.textContent = `From ${active}: ${ways.join(' · ')}`;
}
