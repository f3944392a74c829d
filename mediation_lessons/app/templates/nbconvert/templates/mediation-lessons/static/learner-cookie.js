// Remember the learner's name in this browser.
//
// When the "save" button of the learner box (.ml-learner-save) is clicked, the
// name typed in .ml-learner-input is stored in the cookie `mediation_learner`.
// Voilà passes the Cookie header to the kernel (http_header_envs), where the
// progress store reads it on the next visit. The listener runs in the capture
// phase, before the widget handles the click.
(function () {
  "use strict";
  var COOKIE = "mediation_learner";
  var MAX_LENGTH = 200;
  var ONE_YEAR = 60 * 60 * 24 * 365;

  document.addEventListener(
    "click",
    function (event) {
      var target = event.target;
      if (!(target instanceof Element) || !target.closest(".ml-learner-save")) {
        return;
      }
      var input = document.querySelector(".ml-learner-input input");
      if (!input) {
        return;
      }
      var name = input.value.trim().slice(0, MAX_LENGTH);
      if (name) {
        document.cookie =
          COOKIE + "=" + encodeURIComponent(name) +
          "; path=/; max-age=" + ONE_YEAR + "; SameSite=Lax";
      } else {
        document.cookie = COOKIE + "=; path=/; max-age=0; SameSite=Lax";
      }
    },
    true
  );
})();
