// Enhances /suche/: results from the Pagefind index while typing, filters with counts, and the
// whole state in the address (?q=…&region=…) so a search can be linked and shared.
// Without JavaScript the page keeps its links to the listings; nothing here is needed to read the site.

// Eight results at a time: each needs its own small file and thumbnail, and on a slow rural
// connection the first results matter more than a long list (bench: first query under 150 KiB).
const PAGE_SIZE = 8;

const form = document.querySelector("[data-app-search]");
if (form) {
  start(form);
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function plural(count, one, many) {
  return `${count.toLocaleString("de-DE")} ${count === 1 ? one : many}`;
}

async function start(searchForm) {
  const input = searchForm.querySelector('input[name="q"]');
  const facets = searchForm.querySelector("[data-app-facets]");
  const groups = [...searchForm.querySelectorAll("fieldset[data-filter]")];
  const status = document.querySelector("[data-app-status]");
  const list = document.querySelector("[data-app-results]");
  const more = document.querySelector("[data-app-more]");
  const reset = searchForm.querySelector("[data-app-reset]");
  const noScript = document.querySelector("[data-app-nojs]");
  const bundle = searchForm.dataset.bundle;
  // The site's own address ("/" or a sub-path such as /vorschau/pr-1/): Pagefind knows each page by
  // its path inside the site, so result links get this in front (Pagefind's own guess only works
  // while the bundle folder is called "pagefind").
  const site = searchForm.dataset.site || "/";
  const storyType = searchForm.dataset.storyType;

  let pagefind;
  try {
    pagefind = await import(`${bundle}pagefind.js`);
    // No web worker: on a phone it costs one more script (12 KB) before the first result, and a
    // search over a few thousand pages takes milliseconds on the main thread.
    await pagefind.options({ basePath: bundle, baseUrl: site, excerptLength: 26, noWorker: true });
  } catch (error) {
    status.textContent = "Die Suche konnte nicht geladen werden. Bitte nutzen Sie die Übersichten unten.";
    return;
  }
  noScript.hidden = true;
  facets.hidden = false;

  let results = [];
  let shown = 0;
  let filtersLoaded = false;
  let runs = 0;

  const checkboxes = (group) => [...group.querySelectorAll('input[type="checkbox"]')];

  function readAddress() {
    const params = new URLSearchParams(window.location.search);
    // Keep what a reader typed while the index was still loading.
    if (params.has("q") || !input.value) input.value = params.get("q") || "";
    for (const group of groups) {
      const wanted = params.getAll(group.dataset.param);
      for (const box of checkboxes(group)) box.checked = wanted.includes(box.value);
    }
  }

  function writeAddress() {
    const params = new URLSearchParams();
    if (input.value.trim()) params.set("q", input.value.trim());
    for (const group of groups) {
      for (const box of checkboxes(group)) if (box.checked) params.append(group.dataset.param, box.value);
    }
    const query = params.toString();
    window.history.replaceState(null, "", query ? `?${query}` : window.location.pathname);
  }

  function selectedFilters(except) {
    const filters = {};
    for (const group of groups) {
      const labels = checkboxes(group).filter((box) => box.checked).map((box) => box.dataset.label);
      if (labels.length && group !== except) filters[group.dataset.filter] = { any: labels };
    }
    return filters;
  }

  // Options in one group widen the search (any of them), so a group's counts are those of the
  // search without that group's own choices; other groups' choices still narrow them.
  async function groupCounts(query, search) {
    const counts = { ...search.filters };
    for (const group of groups) {
      if (!checkboxes(group).some((box) => box.checked)) continue;
      const wider = await pagefind.search(query || null, { filters: selectedFilters(group) });
      counts[group.dataset.filter] = wider.filters[group.dataset.filter] || {};
    }
    return counts;
  }

  function showCounts(counts) {
    for (const group of groups) {
      const values = counts[group.dataset.filter] || {};
      let selected = 0;
      for (const box of checkboxes(group)) {
        const count = values[box.dataset.label] || 0;
        box.parentElement.querySelector("[data-app-count]").textContent = `(${count})`;
        if (box.checked) selected += 1;
      }
      const summary = group.closest("details").querySelector("[data-app-selected]");
      summary.textContent = selected ? ` (${selected} ausgewählt)` : "";
    }
  }

  function card(data) {
    const item = element("li", "app-results__item");
    const article = element("article", "app-card app-card--result");
    const body = element("div", "app-card__body");
    const heading = element("h2", "app-card__title");
    const link = element("a", "app-card__link", data.meta.title || data.url);
    link.href = data.url;
    heading.append(link);
    const kind = (data.filters.Typ || [])[0] || "";
    const themes = data.filters.Themenfeld || [];
    const regions = data.filters.Region || [];
    body.append(heading, element("p", "app-card__meta", [kind, ...themes, ...regions].filter(Boolean).join(" · ")));
    const teaser = element("p", "app-card__summary");
    if (input.value.trim() && data.excerpt) {
      // Pagefind escapes the page text and only adds <mark> around the matched words.
      teaser.innerHTML = data.excerpt;
    } else {
      teaser.textContent = data.meta.teaser || data.excerpt.replace(/<[^>]+>/g, "");
    }
    body.append(teaser);
    article.append(body);
    if (data.meta.bild) {
      const image = element("img", "app-card__image");
      image.src = data.meta.bild;
      image.alt = "";
      image.loading = "lazy";
      image.decoding = "async";
      article.append(image);
    }
    item.append(article);
    return item;
  }

  // The title order is a file of its own (see plugins/search_index/title_order.py), fetched only
  // for lists without a search word; if it cannot be loaded, Pagefind's order stays.
  let titleRanks = null;
  async function inTitleOrder(found) {
    if (!titleRanks) {
      try {
        const response = await fetch(`${bundle}${searchForm.dataset.titleOrder}`);
        if (!response.ok) return found;
        titleRanks = new Map((await response.json()).map((id, rank) => [id, rank]));
      } catch (error) {
        return found;
      }
    }
    const rank = (result) => titleRanks.get(result.id) ?? titleRanks.size;
    return [...found].sort((a, b) => rank(a) - rank(b));
  }

  // `isCurrent` says whether this search is still the newest; an older one must not touch the page.
  async function showNext(moveFocus, isCurrent = () => true, fresh = false) {
    const batch = results.slice(shown, shown + PAGE_SIZE);
    const loaded = await Promise.all(batch.map((result) => result.data()));
    if (!isCurrent()) return;
    const items = loaded.map(card);
    if (fresh) list.replaceChildren();
    list.append(...items);
    shown += batch.length;
    more.hidden = shown >= results.length;
    if (moveFocus && items.length) items[0].querySelector("a").focus();
  }

  async function run() {
    const generation = ++runs;
    const isCurrent = () => generation === runs;
    writeAddress();
    list.setAttribute("aria-busy", "true");
    const query = input.value.trim();
    const filters = selectedFilters();
    if (!query && !Object.keys(filters).length) {
      results = [];
      list.replaceChildren();
      more.hidden = true;
      status.textContent = "Geben Sie einen Suchbegriff ein oder wählen Sie einen Filter.";
      const totals = await pagefind.filters();
      filtersLoaded = true;
      if (!isCurrent()) return; // the reader typed meanwhile; the newer search owns the page
      showCounts(totals);
      facets.dataset.counts = "ready";
      list.setAttribute("aria-busy", "false");
      return;
    }
    // Pagefind fetches every filter file when a search names filters, even none: only name them when chosen.
    const options = Object.keys(filters).length ? { filters } : {};
    // Without words to rank by: stories newest first; actors, or both together, alphabetically.
    // (Only stories carry a date; sorting by it would leave actors out.)
    const types = filters.Typ ? filters.Typ.any : [];
    const storiesOnly = types.length === 1 && types[0] === storyType;
    if (!query && storiesOnly) options.sort = { date: "desc" };
    const search = await pagefind.debouncedSearch(query || null, options, 150);
    if (search === null || !isCurrent()) return;
    results = !query && !storiesOnly ? await inTitleOrder(search.results) : search.results;
    if (!isCurrent()) return;
    shown = 0;
    await showNext(false, isCurrent, true);
    if (!isCurrent()) return;
    const found = plural(results.length, "Ergebnis", "Ergebnisse");
    status.textContent = results.length
      ? `${found}${query ? ` für „${query}“` : ""}.`
      : "Keine Treffer. Versuchen Sie ein anderes Wort oder entfernen Sie Filter.";
    list.setAttribute("aria-busy", "false");
    // Results first, counts second: the filter files are only fetched once the results are shown,
    // so a reader on a slow connection sees hits sooner.
    let counted = search;
    if (!filtersLoaded) {
      await pagefind.filters();
      filtersLoaded = true;
      counted = await pagefind.search(query || null, options);
    }
    const counts = await groupCounts(query, counted);
    if (!isCurrent()) return;
    showCounts(counts);
    facets.dataset.counts = "ready";
  }

  searchForm.addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });
  input.addEventListener("input", run);
  for (const group of groups) group.addEventListener("change", run);
  reset.addEventListener("click", () => {
    for (const group of groups) for (const box of checkboxes(group)) box.checked = false;
    run();
  });
  more.addEventListener("click", () => showNext(true));

  readAddress();
  await run();
}
