// The motion form: show the inputs of the chosen rule only, the part of the
// chosen kind only, and the live total of weights (the server checks it too).
(function () {
  "use strict";
  const form = document.querySelector("[data-motion-form]");
  if (!form) return;

  const ruleSelect = form.querySelector("select[name=rule]");
  function showRule() {
    if (!ruleSelect) return;
    form.querySelectorAll("[data-rule-value]").forEach(function (group) {
      group.hidden = group.dataset.ruleValue !== ruleSelect.value;
    });
  }

  const kindInputs = form.querySelectorAll("input[name=kind][type=radio]");
  function showKind() {
    const checked = form.querySelector("input[name=kind]:checked");
    if (!checked) return;
    form.querySelectorAll("[data-kind-part]").forEach(function (part) {
      part.hidden = part.dataset.kindPart !== checked.value;
    });
  }

  function sumWeights(key) {
    const output = form.querySelector('[data-weight-sum="' + key + '"]');
    if (!output) return;
    let total = 0;
    form.querySelectorAll('[data-weight-of="' + key + '"]').forEach(function (input) {
      const value = parseInt(input.value, 10);
      if (!Number.isNaN(value)) total += value;
    });
    output.textContent = String(total);
    output.classList.toggle("text-danger", total !== 100);
    output.classList.toggle("text-success", total === 100);
  }

  if (ruleSelect) {
    ruleSelect.addEventListener("change", showRule);
    showRule();
  }
  kindInputs.forEach(function (input) { input.addEventListener("change", showKind); });
  showKind();
  const keys = new Set();
  form.querySelectorAll("[data-weight-of]").forEach(function (input) {
    keys.add(input.dataset.weightOf);
    input.addEventListener("input", function () { sumWeights(input.dataset.weightOf); });
  });
  keys.forEach(sumWeights);
})();
