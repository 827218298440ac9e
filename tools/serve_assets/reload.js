// `make serve` only (tools/serve_http.py adds it to the pages it serves; the built site has no such file):
// reloads the page after every build and shows the checker's messages when the last change failed.
// Every text from the server is set with textContent, never as HTML: messages quote untrusted content.
(() => {
  "use strict";

  const EVENTS = "/_sinn/events";
  const STYLE = "/_sinn/reload.css";
  const script = document.currentScript;
  const pageVersion = script ? script.dataset.version : "";
  let overlay = null; // { host, dialog, serial }
  let dismissed = null; // the failed build whose messages were closed with Escape

  function element(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function where(problem) {
    const line = element("p", undefined, "where");
    line.append(element("code", problem.file));
    const place = [problem.line ? `Zeile ${problem.line}` : "", problem.field ? `Feld ${problem.field}` : ""].filter(Boolean);
    if (place.length) line.append(document.createTextNode(`, ${place.join(", ")}`));
    return line;
  }

  function hide() {
    if (!overlay) return;
    const { host } = overlay;
    overlay = null;
    host.remove();
  }

  function show(state) {
    hide();
    const count = state.problems.length;
    const host = element("div");
    host.setAttribute("data-sinn-serve", "");
    const root = host.attachShadow({ mode: "open" });
    const style = element("link");
    style.rel = "stylesheet";
    style.href = STYLE;
    const dialog = element("dialog");
    dialog.setAttribute("role", "alertdialog");
    dialog.setAttribute("aria-labelledby", "sinn-serve-title");
    dialog.setAttribute("aria-describedby", "sinn-serve-intro");
    const title = element("h2", "Die letzte Änderung ist nicht in der Vorschau");
    title.id = "sinn-serve-title";
    const intro = element(
      "p",
      `${count === 1 ? "Ein Fehler" : `${count} Fehler`} verhinder${count === 1 ? "t" : "n"} den Neubau. ` +
        "Darunter steht noch die letzte fehlerfreie Fassung der Seite. Sobald Sie die Datei korrigiert und " +
        "gespeichert haben, lädt die Seite von selbst neu. Die Meldungen stehen auch im Terminal.",
    );
    intro.id = "sinn-serve-intro";
    const list = element("ol");
    for (const problem of state.problems) {
      const item = element("li");
      if (problem.file) item.append(where(problem));
      item.append(element("p", problem.message, "message"));
      list.append(item);
    }
    const close = element("button", "Schließen (Esc)");
    close.type = "button";
    close.autofocus = true; // showModal moves the focus here; screen readers read the dialog's title and intro first
    close.addEventListener("click", () => dialog.close());
    dialog.append(title, intro, list, close);
    const shown = { host, dialog, serial: state.serial };
    dialog.addEventListener("close", () => {
      if (overlay === shown) {
        dismissed = state.serial;
        hide();
      }
    });
    root.append(style, dialog);
    overlay = shown;
    document.body.append(host);
    // Opened once the styles are there (or failed to load), so it never flashes unstyled.
    const open = () => overlay === shown && !dialog.open && dialog.showModal();
    style.addEventListener("load", open);
    style.addEventListener("error", open);
  }

  const events = new EventSource(EVENTS);
  events.addEventListener("message", (event) => {
    const state = JSON.parse(event.data);
    if (state.problems.length > 0) {
      if (state.serial !== dismissed && !(overlay && overlay.serial === state.serial)) show(state);
    } else if (state.version !== pageVersion) {
      events.close();
      window.location.reload();
    } else {
      hide();
    }
  });
})();
