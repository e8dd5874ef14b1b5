/* Milestone rows of a proposal: "Add a milestone" appends an empty row.
 * Without JavaScript the form already holds a few empty rows, and each row's
 * "Remove" box works as is. No inline script: the Content-Security-Policy
 * forbids them. */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-formset]").forEach(function (box) {
      var prefix = box.dataset.formset;
      var total = box.querySelector('input[name="' + prefix + '-TOTAL_FORMS"]');
      var max = box.querySelector('input[name="' + prefix + '-MAX_NUM_FORMS"]');
      var rows = box.querySelector("[data-formset-rows]");
      var template = box.querySelector("template[data-formset-template]");
      var add = box.querySelector("[data-formset-add]");
      if (!total || !rows || !template || !add) { return; }
      add.hidden = false;
      add.addEventListener("click", function () {
        var index = parseInt(total.value, 10);
        if (max && index >= parseInt(max.value, 10)) { return; }
        var html = template.innerHTML.replace(/__prefix__/g, String(index));
        rows.insertAdjacentHTML("beforeend", html);
        total.value = String(index + 1);
        var added = rows.lastElementChild;
        var first = added && added.querySelector("input");
        if (first) { first.focus(); }
      });
    });
  });
})();
