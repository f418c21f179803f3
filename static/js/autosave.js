// Autosave that never fails silently. Loaded by the forms that save as you type.
//
// The form carries:
//   data-autosave-key       this form and object, e.g. "12:consultation-response:34" (user:form:object)
//   data-autosave-status    the id of its live region (role="status")
//   data-autosave-saved-at  when the server last saved it (Unix seconds), so older local copies are dropped
// and one element inside it posts with htmx (hx-post, hx-trigger "… , autosave-retry").
//
// Every change is kept in this browser (localStorage) until the server confirms a save of it. A failed
// save says "Not saved" and why, and is tried again on the next change, when the connection returns
// and on a backoff timer; a refusal that cannot succeed (the consultation has closed) is not retried.
// Reopening the page after a failure puts the unsaved text back and says so.
(() => {
  "use strict";

  const PREFIX = "pcc-portal:autosave:";
  const FIRST_RETRY_MS = 2000;
  const LAST_RETRY_MS = 60000;

  function storage() {
    try {
      return window.localStorage;
    } catch {
      return null;
    }
  }

  function formatTime(date) {
    return date.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
  }

  function formatDay(date) {
    return date.toLocaleDateString("en-GB", { day: "numeric", month: "long" });
  }

  // The form's fields as it would post them: name -> list of values (unchecked boxes give []).
  function readFields(form) {
    const fields = {};
    for (const element of form.elements) {
      const name = element.name;
      if (!name || name === "csrfmiddlewaretoken" || element.disabled) continue;
      const type = (element.type || "").toLowerCase();
      if (["submit", "button", "reset", "file", "image"].includes(type)) continue;
      const values = (fields[name] = fields[name] || []);
      if (type === "checkbox" || type === "radio") {
        if (element.checked) values.push(element.value);
      } else if (element.tagName === "SELECT") {
        for (const option of element.options) if (option.selected) values.push(option.value);
      } else {
        values.push(element.value);
      }
    }
    return fields;
  }

  function writeFields(form, fields) {
    const seen = {};
    for (const element of form.elements) {
      const name = element.name;
      if (!name || !(name in fields) || element.disabled) continue;
      const values = fields[name];
      const type = (element.type || "").toLowerCase();
      if (type === "checkbox" || type === "radio") {
        element.checked = values.includes(element.value);
      } else if (element.tagName === "SELECT") {
        for (const option of element.options) option.selected = values.includes(option.value);
      } else if (!["submit", "button", "reset", "file", "image", "hidden"].includes(type)) {
        const index = seen[name] || 0;
        element.value = values[index] !== undefined ? values[index] : "";
        seen[name] = index + 1;
      }
    }
  }

  function sameFields(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
  }

  function setup(form) {
    const sender = form.querySelector("[hx-post]");
    const status = document.getElementById(form.dataset.autosaveStatus);
    const store = storage();
    const key = PREFIX + form.dataset.autosaveKey;
    if (!sender || !status) return;

    let delay = FIRST_RETRY_MS;
    let timer = null;
    let retrying = false; // a failure that a later attempt may fix
    let sent = null; // the fields of the request in flight
    let restored = ""; // says the text was put back from this browser, until it is saved
    let submitHeld = false; // a full-page save refused offline

    function show(text, failed) {
      const full = restored ? `${restored} ${text}` : text;
      if (status.textContent !== full) status.textContent = full;
      status.classList.toggle("text-danger", failed);
      status.classList.toggle("fw-semibold", failed);
    }

    function keep() {
      if (!store) return;
      try {
        store.setItem(key, JSON.stringify({ at: new Date().toISOString(), fields: readFields(form) }));
      } catch {
        // Storage full or refused: the page still says whether the server saved it.
      }
    }

    function kept() {
      if (!store) return null;
      try {
        return JSON.parse(store.getItem(key));
      } catch {
        return null;
      }
    }

    function forget() {
      if (store) store.removeItem(key);
    }

    function retry() {
      clearTimeout(timer);
      timer = null;
      htmx.trigger(sender, "autosave-retry");
    }

    function retryLater() {
      retrying = true;
      clearTimeout(timer);
      timer = setTimeout(retry, delay);
      const seconds = Math.round(delay / 1000);
      delay = Math.min(delay * 2, LAST_RETRY_MS);
      return seconds;
    }

    function stopRetrying() {
      retrying = false;
      clearTimeout(timer);
      timer = null;
    }

    function failed(xhr) {
      const code = xhr ? xhr.status : 0;
      const type = xhr ? xhr.getResponseHeader("Content-Type") || "" : "";
      const reason = type.startsWith("text/plain") ? xhr.responseText.trim() : "";
      const keptHere = store ? " Your text is kept in this browser." : "";
      if (code === 0) {
        const seconds = retryLater();
        let why = navigator.onLine === false ? "you are offline" : "the portal cannot be reached";
        if (submitHeld) why += ", so the form was not sent";
        show(
          `Not saved: ${why}.${keptHere} Trying again in ${seconds} seconds and as soon as the connection returns.`,
          true,
        );
      } else if (code === 409 || code === 404) {
        // The consultation or round has closed, or the draft was submitted: saving cannot succeed.
        stopRetrying();
        show(`Not saved: ${reason || "this can no longer be changed."}`, true);
      } else if (code === 400) {
        stopRetrying();
        show(`Not saved: ${reason || "check the fields marked below."} It is saved once corrected.`, true);
      } else if (code === 401 || code === 403 || code === 200) {
        // Signed out (the sign-in page came back) or the session changed: a new page is needed.
        stopRetrying();
        show(
          `Not saved: you are no longer signed in.${keptHere} Sign in again and reopen this page: ` +
            "your text will be put back.",
          true,
        );
      } else {
        const seconds = retryLater();
        show(
          `Not saved: the portal had a problem (error ${code}).${keptHere} Trying again in ${seconds} seconds.`,
          true,
        );
      }
    }

    const confirmed = (xhr) => xhr && xhr.status >= 200 && xhr.status < 300 && xhr.getResponseHeader("X-Autosave-Saved");

    form.addEventListener("input", keep);
    form.addEventListener("change", keep);

    sender.addEventListener("htmx:beforeRequest", () => {
      clearTimeout(timer);
      timer = null;
      sent = readFields(form);
    });

    // A 2xx without the saved mark is not a save (e.g. the sign-in page after a redirect): never show it.
    sender.addEventListener("htmx:beforeSwap", (event) => {
      if (!confirmed(event.detail.xhr)) event.detail.shouldSwap = false;
    });

    sender.addEventListener("htmx:afterRequest", (event) => {
      const xhr = event.detail.xhr;
      if (!xhr || xhr.status === 0) return; // no answer at all: htmx:sendError reports it
      if (event.detail.successful && confirmed(xhr)) {
        const stored = kept();
        // Forget the local copy only if nothing changed since this request left.
        if (!stored || sameFields(stored.fields, sent)) forget();
        delay = FIRST_RETRY_MS;
        submitHeld = false;
        stopRetrying();
        status.classList.remove("text-danger", "fw-semibold");
        if (restored) {
          status.append(" The text put back from this browser is now saved.");
          restored = "";
        }
        return;
      }
      failed(xhr);
    });

    sender.addEventListener("htmx:sendError", () => failed(null));

    window.addEventListener("online", () => {
      if (retrying) retry();
    });

    form.addEventListener("submit", (event) => {
      keep();
      if (navigator.onLine === false) {
        event.preventDefault();
        submitHeld = true;
        show(
          "Not saved: you are offline, so the form was not sent. Your text is kept in this browser; " +
            "send the form again when the connection returns.",
          true,
        );
      }
    });

    // Reopened after a failure: put back what the server never received.
    const stored = kept();
    if (!stored || !stored.fields) return;
    const savedAt = form.dataset.autosaveSavedAt ? new Date(Number(form.dataset.autosaveSavedAt) * 1000) : null;
    const changedAt = new Date(stored.at);
    if (savedAt && changedAt <= savedAt) {
      forget(); // the server has a later save
      return;
    }
    if (sameFields(stored.fields, readFields(form))) return;
    writeFields(form, stored.fields);
    restored =
      `Restored from this browser: changes you made on ${formatDay(changedAt)} at ${formatTime(changedAt)} ` +
      "had not reached the portal.";
    show("Saving them now…", false);
    setTimeout(retry, 0);
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("form[data-autosave-key]").forEach(setup);
  });
})();
