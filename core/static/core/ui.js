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
      labelPicker(select, new window.TomSelect(select, options));
    });
  }

  // One name for every picker, where the person types. Tom Select points the
  // field's <label for> at its own input (the combobox) and labels its list
  // with it; a picker without a <label> gets the select's aria-label or
  // aria-labelledby on that input. The native select stays in the form (its
  // value is what is posted) but leaves the accessibility tree: it cannot be
  // focused any more, and a second field with the same name would confuse a
  // screen reader (and getByLabel). Without JavaScript the select keeps its
  // <label>, so no form needs an aria-label of its own.
  function labelPicker(select, picker) {
    var input = picker.focus_node || picker.control_input;
    if (!input) { return; }
    var label = input.id && document.querySelector('label[for="' + input.id + '"]');
    var list = picker.dropdown_content;
    if (label && list && list.getAttribute("aria-labelledby") === label.id) {
      // the list keeps a name (title) but not the label's: getByLabel and a
      // screen reader's form list then find one field, the search box
      list.removeAttribute("aria-labelledby");
      var name = label.cloneNode(true);
      name.querySelectorAll(".asteriskField").forEach(function (star) { star.remove(); });
      list.setAttribute("title", name.textContent.trim());
    }
    if (!label) {
      ["aria-label", "aria-labelledby"].forEach(function (name) {
        var value = select.getAttribute(name);
        if (value && !input.hasAttribute(name)) { input.setAttribute(name, value); }
      });
    }
    var help = select.getAttribute("aria-describedby");
    if (help) { input.setAttribute("aria-describedby", help); }
    if (select.getAttribute("aria-invalid")) {
      input.setAttribute("aria-invalid", select.getAttribute("aria-invalid"));
    }
    select.setAttribute("aria-hidden", "true");
  }

  function focusErrorSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) { summary.focus(); }
  }

  window.OuvrageUI = { initPickers: initPickers };

  document.addEventListener("DOMContentLoaded", function () {
    initPickers(document);
    focusErrorSummary();
  });
  document.addEventListener("htmx:afterSwap", function (event) { initPickers(event.target); });
})();
