/*
 * kratos_auth's built-in self-service pages.
 *
 * The pages run under a Content-Security-Policy without 'unsafe-inline', so Kratos's inline
 * handlers (onclick="window.__oryWebAuthnLogin({...})") are rendered as data attributes
 * instead: data-kratos-trigger names the function of webauthn.js, data-kratos-argument holds
 * its JSON argument, data-kratos-onload names a function to run once the page has loaded.
 */
(function () {
  "use strict";

  var TRIGGER = /^ory[A-Za-z]+$/;
  var WAIT_MS = 50;
  var ATTEMPTS = 100; // webauthn.js loads asynchronously: wait up to five seconds for it

  function call(trigger, argument) {
    var fn = window["__" + trigger];
    if (typeof fn !== "function") {
      return false;
    }
    if (argument) {
      fn(JSON.parse(argument));
    } else {
      fn();
    }
    return true;
  }

  function run(trigger, argument, attempts) {
    if (!TRIGGER.test(trigger) || call(trigger, argument)) {
      return;
    }
    if (attempts > 0) {
      window.setTimeout(function () {
        run(trigger, argument, attempts - 1);
      }, WAIT_MS);
    }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-kratos-trigger]") : null;
    if (!button || button.disabled) {
      return;
    }
    event.preventDefault();
    run(button.getAttribute("data-kratos-trigger"), button.getAttribute("data-kratos-argument") || "", ATTEMPTS);
  });

  window.addEventListener("load", function () {
    var nodes = document.querySelectorAll("[data-kratos-onload]");
    for (var i = 0; i < nodes.length; i += 1) {
      run(nodes[i].getAttribute("data-kratos-onload"), "", ATTEMPTS);
    }
  });
})();
