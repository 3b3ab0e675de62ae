/*
 * Playground only: starts the Mobile Plans simulator inside the portal page (where the portal
 * objects must live) and lets the playground's host panel, in the parent page on another
 * origin, drive it and watch it.
 *
 * The message protocol (every message is a plain object with channel 'mobile-plans-playground'):
 *
 *   host -> portal  { type: 'command', id, command, args }
 *                     command: 'snapshot' | 'advance' {minutes} | 'advanceToTimer' {operationId}
 *                              | 'acceptToast' {operationId?} | 'dismissToast' {operationId?}
 *                              | 'startDownload' {operationId} | 'abort' {operationId}
 *                              | 'confirmationCode' {code, operationId?} | 'cancel' {operationId}
 *                              | 'setOutcome' {outcome} | 'setRegistration' {registration}
 *                              | 'restart' | 'reopenPortal'
 *   portal -> host  { type: 'result', id, ok, error? }   the answer to one command
 *                   { type: 'snapshot', snapshot }        after every change: virtual time,
 *                                                          operations, each one's state history,
 *                                                          what waits on the clock, screen,
 *                                                          redacted trace
 *
 * Each side accepts messages only from the other's origin (window.PLAYGROUND_HOST_ORIGIN is set
 * by /playground-config.js) and only from the expected window.
 */
(function () {
  'use strict';

  var CHANNEL = 'mobile-plans-playground';
  var TRANSACTION_ID = 'TX-PLAYGROUND-0001';
  var hostOrigin = window.PLAYGROUND_HOST_ORIGIN;
  var framed = window.parent !== window;
  var snapshotQueued = false;
  var sim = null;
  var startTime = Date.UTC(2026, 0, 1);
  var history = {}; // operation id -> [{ state, cause }]: each state it entered, and the trace line that moved it
  var lastCause = {}; // operation id (or '' for none) -> { summary, seq }: the latest user or device trace line about it
  var causeSeq = 0;

  function post(message) {
    if (!framed || typeof hostOrigin !== 'string') return;
    message.channel = CHANNEL;
    window.parent.postMessage(message, hostOrigin);
  }

  function virtualTime(epochMs) {
    var total = Math.floor(Math.max(0, epochMs - startTime) / 1000);
    var pad = function (n) { return String(n).padStart(2, '0'); };
    return '+' + pad(Math.floor(total / 3600)) + ':' + pad(Math.floor((total % 3600) / 60)) + ':' + pad(total % 60);
  }

  function snapshot() {
    return {
      portal: document.title,
      virtualMs: sim.device.clock.now() - startTime,
      operations: sim.operations(),
      history: history,
      // What waits on the virtual clock: host deadlines (id = operation) and device work (label).
      pending: sim.device.clock.pending().map(function (entry) {
        return { id: entry.id || null, label: entry.label || null, at: entry.at - startTime };
      }),
      screen: sim.device.ui.view(),
      trace: sim.trace().map(function (entry) {
        // Commands carry absolute virtual times (scheduler.set op-1 at 1767226500000): show them as offsets.
        var summary = entry.summary.replace(/\bat (\d{13})\b/g, function (_, ms) { return 'at ' + virtualTime(Number(ms)); });
        return { at: entry.at - startTime, kind: entry.kind, operationId: entry.operationId || null, summary: summary };
      }),
    };
  }

  // Every trace entry follows a host step: note each operation's state changes, with the user or
  // device line that came just before (the event that moved it), so the statechart can show the
  // path taken and the transition just taken, even between two snapshots.
  function noteStates() {
    sim.operations().forEach(function (op) {
      var states = history[op.id] || (history[op.id] = []);
      var last = states[states.length - 1];
      if (last !== undefined && last.state === op.state) return;
      var own = lastCause[op.id];
      var anyone = lastCause[''];
      var cause = own === undefined ? anyone : anyone === undefined || own.seq > anyone.seq ? own : anyone;
      states.push({ state: op.state, cause: last === undefined ? 'portal call' : cause === undefined ? null : cause.summary });
    });
  }

  // Many trace entries arrive in one burst: send one snapshot after the burst.
  function queueSnapshot(entry) {
    if (sim === null) return;
    noteStates();
    if (entry && (entry.kind === 'user' || entry.kind === 'device')) lastCause[entry.operationId || ''] = { summary: entry.summary, seq: causeSeq++ };
    if (snapshotQueued) return;
    snapshotQueued = true;
    setTimeout(function () {
      snapshotQueued = false;
      post({ type: 'snapshot', snapshot: snapshot() });
    }, 0);
  }

  sim = MobilePlansSim.start({
    transactionId: TRANSACTION_ID,
    device: {
      startTime: startTime,
      // Downloads take 20 virtual seconds (advance the clock to see progress); SM-DS has the profile once asked.
      lpa: { download: { slow: { durationMs: 20000 } }, discover: { profileReady: true } },
      onTrace: queueSnapshot,
    },
  });

  var commands = {
    snapshot: function () {},
    advance: function (args) {
      var minutes = Number(args.minutes);
      if (!(minutes > 0 && minutes <= 1440)) throw new Error('advance needs 0 < minutes <= 1440');
      return sim.advance(minutes);
    },
    advanceToTimer: function (args) {
      var at = sim.device.clock.timer(String(args.operationId));
      if (at === undefined) throw new Error('no deadline is armed for ' + String(args.operationId));
      return sim.advance(Math.max(0, at - sim.device.clock.now()) / 60000);
    },
    acceptToast: function (args) { sim.acceptToast(optionalId(args)); },
    dismissToast: function (args) { sim.dismissToast(optionalId(args)); },
    startDownload: function (args) { sim.startDownload(String(args.operationId)); },
    abort: function (args) { sim.device.user.abort(String(args.operationId)); },
    // The portal's own call, as a portal page would make it.
    cancel: function (args) { return { cancelled: window.MobilePlansInlineOperations.notifyOperationCancel({ id: String(args.operationId) }) }; },
    setOutcome: function (args) {
      if (typeof args.outcome !== 'string') throw new Error('setOutcome needs an outcome');
      // A download answers after 20 virtual seconds, with this outcome.
      sim.setOutcome('download', { slow: { durationMs: 20000, then: args.outcome } });
    },
    setRegistration: function (args) {
      if (['home', 'roaming', 'partner', 'denied', 'none'].indexOf(args.registration) < 0) throw new Error('unknown registration');
      sim.setRegistration(args.registration);
    },
    confirmationCode: function (args) { sim.confirmationCode(String(args.code || ''), optionalId(args)); },
    restart: function () { return sim.restart(); },
    reopenPortal: function () { sim.device.user.launchPortal(TRANSACTION_ID); },
  };

  function optionalId(args) {
    return typeof args.operationId === 'string' ? args.operationId : undefined;
  }

  window.addEventListener('message', function (event) {
    if (event.origin !== hostOrigin || event.source !== window.parent) return;
    var message = event.data;
    if (message === null || typeof message !== 'object' || message.channel !== CHANNEL || message.type !== 'command') return;
    var run = Object.prototype.hasOwnProperty.call(commands, message.command) ? commands[message.command] : null;
    var answer = function (ok, error) {
      post({ type: 'result', id: message.id, ok: ok, error: error });
      post({ type: 'snapshot', snapshot: snapshot() });
    };
    if (run === null) return answer(false, 'unknown command ' + String(message.command));
    try {
      Promise.resolve(run(message.args || {})).then(
        function () { answer(true); },
        function (error) { answer(false, String(error && error.message || error)); }
      );
    } catch (error) {
      answer(false, String(error && error.message || error));
    }
  });

  // Tell the host panel we are here (it may have loaded first).
  post({ type: 'snapshot', snapshot: snapshot() });
  window.MobilePlansPlayground = { sim: sim };
})();
