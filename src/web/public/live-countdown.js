/* global document, window */
// The live page's countdowns: each <span data-countdown="ISO instant"> after a <time> shows the
// time left to it, once a second ("还剩 12:34"); without this script the page shows the plain
// time. htmx swaps the items every few seconds: the new ones are counted at once. No inline script (CSP).
(function () {
  'use strict';
  function pad(n) {
    return n < 10 ? '0' + n : String(n);
  }
  function left(ms) {
    var total = Math.max(0, Math.floor(ms / 1000));
    var hours = Math.floor(total / 3600);
    var minutes = Math.floor((total % 3600) / 60);
    var seconds = total % 60;
    return (hours > 0 ? hours + ':' + pad(minutes) : String(minutes)) + ':' + pad(seconds);
  }
  function tick() {
    var now = Date.now();
    var all = document.querySelectorAll('[data-countdown]');
    for (var i = 0; i < all.length; i++) {
      var el = all[i];
      var at = Date.parse(el.getAttribute('data-countdown'));
      if (isNaN(at)) continue;
      var text =
        at > now
          ? (el.getAttribute('data-left') || '{time}').replace('{time}', left(at - now))
          : el.getAttribute('data-done') || '';
      if (el.textContent !== text) el.textContent = text;
    }
  }
  tick();
  window.setInterval(tick, 1000);
  document.addEventListener('htmx:afterSettle', tick);
})();
