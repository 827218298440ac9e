"""Plugin settings: declared once, with a type, and present before the build starts.

Not a plugin itself; plugins import it. Each plugin declares its settings in `DEFAULTS` in its
__init__.py: the default's own type is the setting's type (a list and a tuple both count as a list,
a float also takes whole numbers); where the default cannot show the type (None), `TYPES` in the
same module names it (for example `{"IMAGES_CACHE_PATH": str | None}`). A plugin names the plugins
that must stand before it in PLUGINS as `REQUIRES` (must be listed) or `AFTER` (only if listed).

`load_settings` is the one way the build, `make check`, `make report` and the preview read a settings
file: Pelican's read_settings, then every plugin in PLUGINS is imported and its defaults filled in
where the file leaves them out, then the order and every declared value are checked. A problem is a
SettingsError with a German message naming the setting and the file. Modelled on MkDocs' typed plugin
config; own code because Pelican has no declared plugin settings and a library for it would still
need this glue to Pelican's settings files.
"""

from __future__ import annotations

import copy
import importlib
import os
import sys
import types
from collections.abc import Iterable

from .containment import ContentError, printable

# The German name of each type, as the error message shows what is expected and what was found.
TYPE_NAMES = {
    bool: "True oder False",
    int: "eine ganze Zahl",
    float: "eine Zahl",
    str: "ein Text in Anführungszeichen",
    list: "eine Liste [...]",
    tuple: "eine Liste (...)",
    dict: "eine Zuordnung {...}",
    type(None): "None",
}


class SettingsError(ContentError):
    """A settings file holds a value of the wrong type, or PLUGINS is in the wrong order; the message says which, in German."""


def cache_path(settings, name: str, override: str | None = None) -> str:
    """Where a plugin keeps what the next build may reuse: `override` if set, else .cache/<name> beside the content folder."""
    return override or os.path.join(os.path.dirname(os.path.abspath(settings["PATH"])), ".cache", name)


def fill_in(settings, defaults: dict) -> None:
    """Set every default the site's settings leave out."""
    for name, value in defaults.items():
        settings.setdefault(name, value)


def defaults_receiver(defaults: dict):
    """A receiver for `initialized` that fills in a plugin's DEFAULTS (keep it at module level: signals hold weak references).

    A safety net for Pelican started without load_settings (its own command line): the loader has
    filled everything in already.
    """

    def fill_defaults(pelican):
        """Fill in this plugin's settings."""
        fill_in(pelican.settings, defaults)

    return fill_defaults


def declared_types(module) -> dict[str, tuple[type, ...]]:
    """The allowed types of each setting a plugin module declares."""
    explicit = getattr(module, "TYPES", {})
    declared = {}
    for name, default in getattr(module, "DEFAULTS", {}).items():
        if name in explicit:
            declared[name] = _as_tuple(explicit[name])
        elif default is None:
            raise TypeError(f"{module.__name__}: {name} defaults to None; declare its type in TYPES")
        else:
            declared[name] = _type_of(default)
    return declared


def _as_tuple(declared) -> tuple[type, ...]:
    if isinstance(declared, types.UnionType):
        return tuple(declared.__args__)
    return declared if isinstance(declared, tuple) else (declared,)


def _type_of(default) -> tuple[type, ...]:
    if isinstance(default, (list, tuple)):
        return (list, tuple)
    if isinstance(default, float):
        return (float, int)
    return (type(default),)


def defaults_of(*plugin_names: str) -> dict:
    """The declared defaults of these plugins, merged (for code that is given no settings file)."""
    merged: dict = {}
    for name in plugin_names:
        fill_in(merged, getattr(importlib.import_module(name), "DEFAULTS", {}))
    return merged


def problem_with(value, allowed: tuple[type, ...]) -> str | None:
    """Why value does not fit the declared types (a German sentence without the file), or None."""
    # True is an int to Python, never to whoever writes WORKERS = True.
    if isinstance(value, allowed) and not (isinstance(value, bool) and bool not in allowed):
        return None
    expected = " oder ".join(dict.fromkeys(TYPE_NAMES.get(t, t.__name__) for t in allowed))
    shown = printable(repr(value))
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    found = TYPE_NAMES.get(type(value), type(value).__name__)
    return f"erwartet wird {expected}, gefunden wurde {found} ({shown})"


def check_types(settings: dict, declared: dict[str, tuple[type, ...]], defaults: dict, settings_file: str) -> None:
    """Raise SettingsError naming the first declared setting whose value has the wrong type."""
    where = os.path.basename(settings_file)
    for name, allowed in declared.items():
        problem = problem_with(settings[name], allowed)
        if problem is None:
            continue
        example = f"{name} = {defaults[name]!r}"
        hint = f" Zum Beispiel: {example}" if len(example) <= 80 else ""
        raise SettingsError(f"{where}: Die Einstellung {name} hat den falschen Typ: {problem}.{hint}")


def check_order(plugins: list[str], modules: dict, settings_file: str) -> None:
    """Raise SettingsError when a plugin stands in PLUGINS before one it needs before it."""
    where = os.path.basename(settings_file)
    position = {name: index for index, name in enumerate(plugins)}
    for name in plugins:
        module = modules.get(name)
        for needed in getattr(module, "REQUIRES", ()):
            if needed not in position:
                raise SettingsError(f"{where}: Das Plugin {name} braucht {needed}: bitte {needed} in PLUGINS vor {name} eintragen.")
        later = [n for n in (*getattr(module, "REQUIRES", ()), *getattr(module, "AFTER", ())) if position.get(n, -1) > position[name]]
        if later:
            names = " und ".join(dict.fromkeys(later))
            raise SettingsError(
                f"{where}: Das Plugin {name} steht in PLUGINS zu früh: es muss hinter {names} stehen. Bitte {name} in PLUGINS nach {names} eintragen."
            )


def _import_plugins(plugins: Iterable[str], plugin_paths: list[str], settings_file: str) -> dict:
    """Import each plugin named by a string (as Pelican will); a path in PLUGIN_PATHS is put on sys.path for that."""
    for path in reversed(plugin_paths):
        if path not in sys.path:
            sys.path.insert(0, path)
    modules = {}
    for name in (p for p in plugins if isinstance(p, str)):
        try:
            modules[name] = importlib.import_module(name)
        except ImportError as error:
            raise SettingsError(
                f"{os.path.basename(settings_file)}: Das Plugin {name} aus PLUGINS lässt sich nicht laden ({printable(str(error))}). "
                "Bitte den Namen prüfen (die Plugins liegen in plugins/ und heißen sinn_…)."
            ) from error
    return modules


def load_settings(settings_file: str, overrides: dict | None = None) -> dict:
    """The settings of a build: the file (and overrides) read by Pelican, every plugin's defaults filled in, all checked."""
    from pelican.settings import read_settings  # noqa: PLC0415 - Pelican is imported only when settings are read

    if not os.path.isfile(settings_file):
        raise SettingsError(f"{settings_file}: Die Einstellungsdatei gibt es nicht. Bitte den Pfad prüfen (z. B. pelicanconf.py).")
    try:
        settings = read_settings(settings_file, override=dict(overrides or {}))
    except Exception as error:
        raise SettingsError(
            f"{os.path.basename(settings_file)}: Die Einstellungen lassen sich nicht lesen ({error.__class__.__name__}: "
            f"{printable(str(error))}). Bitte die Datei korrigieren."
        ) from error
    plugins = settings.get("PLUGINS") or []
    if not isinstance(plugins, (list, tuple)):
        raise SettingsError(f"{os.path.basename(settings_file)}: PLUGINS muss eine Liste von Plugin-Namen sein.")
    modules = _import_plugins(plugins, settings.get("PLUGIN_PATHS") or [], settings_file)
    check_order([p for p in plugins if isinstance(p, str)], modules, settings_file)
    declared: dict[str, tuple[type, ...]] = {}
    defaults: dict = {}
    for module in modules.values():
        declared.update(declared_types(module))
        fill_in(defaults, getattr(module, "DEFAULTS", {}))
    fill_in(settings, copy.deepcopy(defaults))  # a build that changes a list in its settings leaves the declaration alone
    for module in modules.values():
        hook = getattr(module, "fill_settings", None)  # settings a plugin fills beyond DEFAULTS (e.g. over Pelican's own)
        if callable(hook):
            hook(settings)
    # The address map's patterns are settings too (ARTICLE_URL, LISTINGS_*_URL …): present and checked before anything runs.
    from sinn_core import addresses  # noqa: PLC0415 - addresses reads the settings this module declares

    addresses.fill_settings(settings)
    for name, value in addresses.DEFAULTS.items():
        declared.setdefault(name, (type(value),))
        defaults.setdefault(name, value)
    check_types(settings, declared, defaults, settings_file)
    return settings
