// Remember the learner's name in this browser.
//
// When the "save" button of the learner box (.ml-learner-save) is clicked, the
// name typed in .ml-learner-input is stored in the cookie `mediation_learner`.
// Voilà passes the Cookie header to the kernel (http_header_envs), where the
// progress store reads it on the next visit. The listener runs in the capture
// phase, before the widget handles the click.
//
// A visitor without a name is given a random guest name by the kernel and
// shown it in the name box. When the box first appears and this browser has
// no cookie yet, the name in the box is remembered, so a reload resumes the
// same guest instead of starting another.
(function () {
  "use strict";
  var COOKIE = "mediation_learner";
  var INPUT = ".ml-learner-input input";
  var MAX_LENGTH = 200;
  var ONE_YEAR = 60 * 60 * 24 * 365;

  function remember(name) {
    if (name) {
      document.cookie =
        COOKIE + "=" + encodeURIComponent(name) +
        "; path=/; max-age=" + ONE_YEAR + "; SameSite=Lax";
    } else {
      document.cookie = COOKIE + "=; path=/; max-age=0; SameSite=Lax";
    }
  }

  function hasCookie() {
    return document.cookie.split(";").some(function (pair) {
      var parts = pair.split("=");
      return parts[0].trim() === COOKIE && parts.slice(1).join("=").trim() !== "";
    });
  }

  document.addEventListener(
    "click",
    function (event) {
      var target = event.target;
      if (!(target instanceof Element) || !target.closest(".ml-learner-save")) {
        return;
      }
      var input = document.querySelector(INPUT);
      if (input) {
        remember(input.value.trim().slice(0, MAX_LENGTH));
      }
    },
    true
  );

  // Remember the name first shown in the box (the guest name) if none is stored.
  // The box may be inserted before its value is filled in, so an empty box is
  // looked at again a few times before giving up.
  var retries = 50;
  function rememberShown() {
    var input = document.querySelector(INPUT);
    if (!input) {
      return false;
    }
    var name = input.value.trim().slice(0, MAX_LENGTH);
    if (!name) {
      if (retries-- > 0) {
        setTimeout(rememberShown, 100);
      }
      return true;
    }
    if (!hasCookie()) {
      remember(name);
    }
    return true;
  }

  if (!rememberShown()) {
    var observer = new MutationObserver(function () {
      if (rememberShown()) {
        observer.disconnect();
      }
    });
    // Widgets may get their classes after they are inserted: watch both.
    observer.observe(document.documentElement, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ["class"],
    });
  }
})();
