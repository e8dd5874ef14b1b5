/* Ouvrage's small behaviours, loaded on every page (no inline scripts: the
 * Content-Security-Policy forbids them).
 *
 * - form[data-confirm]: before an irreversible action, a dialog says what will
 *   happen; "Confirm" submits with confirmed=1, anything else cancels. Without
 *   JavaScript the server shows its own confirmation step (components/confirm.html).
 * - select[data-picker]: a Tom Select picker with search (data-picker-url for
 *   options fetched from the server: JSON [{value, text}] for ?q=...).
 * - [data-error-summary]: the error summary of a form takes the focus.
 */
(function () {
  "use strict";

  function confirmDialog(form) {
    var dialog = document.createElement("dialog");
    dialog.className = "confirm-dialog";
    dialog.setAttribute("aria-labelledby", "confirm-dialog-title");
    var title = document.createElement("h2");
    title.className = "h5";
    title.id = "confirm-dialog-title";
    title.textContent = form.dataset.confirmTitle || form.dataset.confirm;
    dialog.appendChild(title);
    if (form.dataset.confirmTitle) {
      var body = document.createElement("p");
      body.textContent = form.dataset.confirm;
      dialog.appendChild(body);
    }
    var actions = document.createElement("div");
    actions.className = "d-flex flex-wrap gap-2 justify-content-end mt-3";
    var cancel = document.createElement("button");
    cancel.type = "button";
    cancel.className = "btn btn-outline-secondary";
    cancel.textContent = form.dataset.confirmCancel || "Cancel";
    var ok = document.createElement("button");
    ok.type = "button";
    ok.className = "btn " + (form.dataset.confirmDanger !== undefined ? "btn-danger" : "btn-primary");
    ok.textContent = form.dataset.confirmOk || "Confirm";
    actions.appendChild(cancel);
    actions.appendChild(ok);
    dialog.appendChild(actions);
    document.body.appendChild(dialog);
    cancel.addEventListener("click", function () { dialog.close(); });
    dialog.addEventListener("close", function () { dialog.remove(); });
    ok.addEventListener("click", function () {
      var field = form.querySelector('input[name="confirmed"]');
      if (!field) {
        field = document.createElement("input");
        field.type = "hidden";
        field.name = "confirmed";
        form.appendChild(field);
      }
      field.value = "1";
      form.dataset.confirmed = "1";
      dialog.close();
      if (form.requestSubmit) { form.requestSubmit(form._ouvrageSubmitter || undefined); } else { form.submit(); }
    });
    dialog.showModal();
    cancel.focus();
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || form.dataset.confirm === undefined) { return; }
    if (form.dataset.confirmed === "1" || typeof HTMLDialogElement !== "function") { return; }
    event.preventDefault();
    form._ouvrageSubmitter = event.submitter || null;
    confirmDialog(form);
  }, true);

  function initPickers(root) {
    if (typeof window.TomSelect !== "function") { return; }
    root.querySelectorAll("select[data-picker]").forEach(function (select) {
      if (select.tomselect) { return; }
      var options = {
        plugins: select.multiple ? ["remove_button"] : [],
        maxOptions: 200,
        create: false,
        closeAfterSelect: !select.multiple
      };
      var url = select.dataset.pickerUrl;
      if (url) {
        options.valueField = "value";
        options.labelField = "text";
        options.searchField = ["text"];
        options.load = function (query, callback) {
          var sep = url.indexOf("?") === -1 ? "?" : "&";
          fetch(url + sep + "q=" + encodeURIComponent(query), { credentials: "same-origin" })
            .then(function (r) { return r.json(); })
            .then(function (data) { callback(data.results || data); })
            .catch(function () { callback(); });
        };
      }
      new window.TomSelect(select, options);
    });
  }

  function focusErrorSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) { summary.focus(); }
  }

  document.addEventListener("DOMContentLoaded", function () {
    initPickers(document);
    focusErrorSummary();
  });
  document.addEventListener("htmx:afterSwap", function (event) { initPickers(event.target); });
})();
