// The web editor's own script (sinn_web_editor writes it to /admin/editor.js, loaded before Sveltia CMS).
//
// Paths as the content contract wants them: the CMS names an uploaded file "/images/stories/x.webp", the
// front matter needs "images/stories/x.webp" (relative to content/). Before an entry is saved, the leading
// "/" goes from the fields listed in this script tag's data-uploads (generated from the schema's image,
// logo and file fields). Images in the text keep theirs: there "/images/…" is right.
(() => {
  "use strict";
  const uploads = JSON.parse(document.currentScript.dataset.uploads || "{}");

  const immutable = (value) => value !== null && typeof value === "object" && typeof value.toJS === "function";

  // The value at `keys` ("*" for every entry of a list) without a leading "/"; everything else unchanged.
  const relative = (value, keys) => {
    if (value === null || value === undefined) {
      return value;
    }
    if (keys.length === 0) {
      return typeof value === "string" ? value.replace(/^\/+/, "") : value;
    }
    const [key, ...rest] = keys;
    if (immutable(value)) {
      if (key === "*") {
        return value.map((item) => relative(item, rest));
      }
      return value.has(key) ? value.set(key, relative(value.get(key), rest)) : value;
    }
    if (key === "*") {
      return Array.isArray(value) ? value.map((item) => relative(item, rest)) : value;
    }
    return typeof value === "object" && key in value ? { ...value, [key]: relative(value[key], rest) } : value;
  };

  document.addEventListener("DOMContentLoaded", () => {
    window.CMS.registerEventListener({
      name: "preSave",
      handler: ({ entry }) => {
        const paths = uploads[entry.get("collection")] || [];
        let data = entry.get("data");
        for (const path of paths) {
          data = relative(data, path.split("."));
        }
        return entry.set("data", data);
      },
    });
  });
})();
