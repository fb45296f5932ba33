"""Run by ``qgen lint --check-apis`` in the interpreter being checked (``python -c``, from an
empty folder): it reads the uses to check as JSON on standard input and writes what it found
as JSON on standard output. Standard library only: the interpreter need not have qgen.

For each module: is it installed, which version; then, unless the caller already knows the
answers for that version, it imports the module and follows each use's attributes (a missing
attribute of a package may be a submodule not yet imported; after "()", an instance of the
class before it, whose methods are the class's) and checks the keyword arguments against the
callable's signature. The bank's code itself is never run.
"""

import difflib
import importlib
import importlib.util
import inspect
import io
import json
import os
import sys


def version_of(name):
    """What tells one installation of a top-level module from another, without importing
    it: Python's version for the standard library, else the distribution's version when it
    is named as the module is (numpy), else the time its files were installed (sklearn
    comes from scikit-learn; finding that would scan every installed distribution)."""
    if name in getattr(sys, "stdlib_module_names", ()):
        return "python " + sys.version.split()[0]
    try:
        from importlib import metadata

        return metadata.version(name)
    except Exception:  # no distribution of that name
        pass
    try:
        spec = importlib.util.find_spec(name)
        return "installed " + str(os.stat(spec.origin).st_mtime_ns) if spec and spec.origin else None
    except (ImportError, ValueError, OSError):
        return None


def found(module):
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):  # a parent that is no package, or cannot be imported
        return False


def near(name, names):
    return difflib.get_close_matches(name, [n for n in names if not n.startswith("__")], n=1, cutoff=0.7)


def follow(module, path, keywords):
    """[index of the first missing name or None, suggestion, bad keywords, their suggestions]."""
    try:
        target = importlib.import_module(module)
    except Exception as error:  # the module itself fails to import: nothing to say of its names
        return [None, [], [], [], f"{type(error).__name__}: {error}"]
    for index, name in enumerate(path):
        if name == "()":  # an instance of ``target``: its methods are the class's
            if not inspect.isclass(target) or _dynamic(target):
                return [None, [], [], [], None]  # what a call returns, or any name, is unknown
            continue
        if hasattr(target, name):
            target = getattr(target, name)
            continue
        if inspect.ismodule(target) and found(f"{target.__name__}.{name}"):
            try:
                target = importlib.import_module(f"{target.__name__}.{name}")
                continue
            except Exception:
                return [None, [], [], [], None]
        return [index, near(name, dir(target)), [], [], None]
    if not keywords or not callable(target):
        return [None, [], [], [], None]
    try:
        parameters = inspect.signature(target).parameters.values()
    except (TypeError, ValueError):  # a builtin without a signature: its keywords are unknown
        return [None, [], [], [], None]
    if any(p.kind is p.VAR_KEYWORD for p in parameters):
        return [None, [], [], [], None]
    accepted = [p.name for p in parameters if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)]
    bad = [keyword for keyword in keywords if keyword not in accepted]
    return [None, [], bad, [near(keyword, accepted) for keyword in bad], None]


def _dynamic(cls):
    """Whether instances of ``cls`` answer names the class does not list (``__getattr__``)."""
    return any("__getattr__" in vars(base) for base in inspect.getmro(cls) if base is not object)


def main():
    request = json.load(sys.stdin)
    answer = {}
    real_stdout, sys.stdout = sys.stdout, io.StringIO()  # what imported modules print is not the answer
    try:
        for module, asked in request.items():
            top = module.split(".")[0]
            if not found(top):
                answer[module] = {"found": False}
                continue
            version = version_of(top)
            if version is not None and version == asked.get("known_version"):
                answer[module] = {"found": True, "version": version, "known": True}
                continue
            if not found(module):
                answer[module] = {"found": True, "version": version, "no_submodule": True}
                continue
            answer[module] = {"found": True, "version": version,
                              "results": [follow(module, path, keywords) for path, keywords in asked["uses"]]}
    finally:
        sys.stdout = real_stdout
    json.dump(answer, sys.stdout)


if __name__ == "__main__":
    main()
