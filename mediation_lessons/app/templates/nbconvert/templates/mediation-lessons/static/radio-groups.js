// Keep arrow keys inside one question.
//
// ipywidgets renders radio buttons without a `name`, so the browser treats
// every radio on the page as one group: Arrow Down past the last option of a
// question moves into the next question and changes its answer. Each
// .widget-radio-box gets a name of its own, shared by its inputs; a
// MutationObserver keeps it in place as widgets render and re-render.
(function () {
  "use strict";
  var counter = 0;

  function nameGroups() {
    var boxes = document.querySelectorAll(".widget-radio-box");
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      if (!box.dataset.mlGroup) {
        counter += 1;
        box.dataset.mlGroup = "ml-radio-" + counter;
      }
      var inputs = box.querySelectorAll('input[type="radio"]');
      for (var j = 0; j < inputs.length; j++) {
        if (inputs[j].name !== box.dataset.mlGroup) {
          inputs[j].name = box.dataset.mlGroup;
        }
      }
    }
  }

  nameGroups();
  // Widgets may get their classes after they are inserted: watch both.
  new MutationObserver(nameGroups).observe(document.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ["class"],
  });
})();
