/*
 * Playground only: starts the Mobile Plans simulator inside the portal page (where the portal
 * objects must live) and lets the playground's host panel, in the parent page on another
 * origin, drive it and watch it.
 *
 * The message protocol (every message is a plain object with channel 'mobile-plans-playground'):
 *
 *   host -> portal  { type: 'command', id, command, args }
 *                     command: 'snapshot' | 'advance' {minutes} | 'acceptToast' | 'dismissToast'
 *                              | 'setOutcome' {outcome} | 'setRegistration' {registration}
 *                              | 'confirmationCode' {code} | 'restart' | 'reopenPortal'
 *   portal -> host  { type: 'result', id, ok, error? }   the answer to one command
 *                   { type: 'snapshot', snapshot }        after every change: virtual time,
 *                                                          operations, screen, redacted trace
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
  var visited = {}; // operation id -> the machine states it has been in, in order

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
      visited: visited,
      screen: sim.device.ui.view(),
      trace: sim.trace().map(function (entry) {
        // Commands carry absolute virtual times (scheduler.set op-1 at 1767226500000): show them as offsets.
        var summary = entry.summary.replace(/\bat (\d{13})\b/g, function (_, ms) { return 'at ' + virtualTime(Number(ms)); });
        return { at: entry.at - startTime, kind: entry.kind, operationId: entry.operationId || null, summary: summary };
      }),
    };
  }

  // Every trace entry follows a host step: note each operation's state, so the statechart can
  // tint every state an operation went through, even between two snapshots.
  function noteStates() {
    sim.operations().forEach(function (op) {
      var states = visited[op.id] || (visited[op.id] = []);
      if (states.indexOf(op.state) < 0) states.push(op.state);
    });
  }

  // Many trace entries arrive in one burst: send one snapshot after the burst.
  function queueSnapshot() {
    if (sim === null) return;
    noteStates();
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
    acceptToast: function () { sim.acceptToast(); },
    dismissToast: function () { sim.dismissToast(); },
    setOutcome: function (args) {
      if (typeof args.outcome !== 'string') throw new Error('setOutcome needs an outcome');
      // A download answers after 20 virtual seconds, with this outcome.
      sim.setOutcome('download', { slow: { durationMs: 20000, then: args.outcome } });
    },
    setRegistration: function (args) {
      if (['home', 'roaming', 'partner', 'denied', 'none'].indexOf(args.registration) < 0) throw new Error('unknown registration');
      sim.setRegistration(args.registration);
    },
    confirmationCode: function (args) { sim.confirmationCode(String(args.code || '')); },
    restart: function () { return sim.restart(); },
    reopenPortal: function () { sim.device.user.launchPortal(TRANSACTION_ID); },
  };

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
