/* Sign-up: the company name field is shown only when "Company" is chosen.
 * Progressive enhancement: without JavaScript the field stays visible (its help
 * text says it is for companies) and the server ignores it for experts.
 */
(function () {
  "use strict";

  function setUp() {
    var field = document.querySelector("[data-only-for-community]");
    if (!field) { return; }
    var wanted = field.dataset.onlyForCommunity;
    var wrapper = document.getElementById("div_" + field.id) || field.parentElement;
    var radios = document.querySelectorAll('input[name="community"]');
    function update() {
      var chosen = document.querySelector('input[name="community"]:checked');
      var shown = !!chosen && chosen.value === wanted;
      wrapper.hidden = !shown;
      field.disabled = !shown;
    }
    radios.forEach(function (radio) { radio.addEventListener("change", update); });
    update();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
