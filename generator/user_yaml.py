"""YAML that a user wrote (a bank's front matter, ``qgen.yaml``), read without its traps.

Aliases are refused: 400 bytes of ``*name`` references can stand for gigabytes once a value
is turned into text (the "billion laughs"). Values that cannot be constructed (a 5,000-digit
number, ``2024-02-30``) and documents nested too deeply become a problem with a line, never
a traceback.
"""

from __future__ import annotations

import yaml


class UserYamlLoader(yaml.SafeLoader):
    """PyYAML's safe loader, without aliases."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.events.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(None, None, "aliases (*name) are not allowed here", event.start_mark)
        return super().compose_node(parent, index)


class YamlProblem(Exception):
    """A problem with a line (1-based, counted in the YAML text)."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


def new_loader(text: str) -> UserYamlLoader:
    """A loader of ``text``; raises YamlProblem for a character YAML does not allow (a
    control character), which PyYAML finds before it parses anything."""
    try:
        return UserYamlLoader(text)
    except yaml.reader.ReaderError as error:
        raise YamlProblem(text[:error.position].count("\n") + 1,
                          f"not valid YAML: {error.reason}, character U+{error.character:04X}") from None


def compose(loader: UserYamlLoader):
    """The document's root node (None when empty); raises YamlProblem."""
    try:
        return loader.get_single_node()
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error)
        raise YamlProblem(mark.line + 1 if mark else 1, f"not valid YAML: {problem}") from None
    except RecursionError:
        raise YamlProblem(1, "the YAML nests too deeply to read") from None


def construct(loader: UserYamlLoader, node):
    """A node's Python value; raises YamlProblem for one that cannot be made."""
    try:
        return loader.construct_object(node, deep=True)
    except (ValueError, OverflowError, yaml.YAMLError) as error:
        raise YamlProblem(node.start_mark.line + 1, f"not a valid value: {error}") from None
    except RecursionError:
        raise YamlProblem(node.start_mark.line + 1, "the value nests too deeply to read") from None


def load_mapping(text: str) -> list[tuple[str, object, int]]:
    """(key, value, line) of each entry of a YAML mapping; raises YamlProblem, also when
    the document is not a mapping."""
    loader = new_loader(text)
    try:
        root = compose(loader)
        if root is None:
            return []
        if not isinstance(root, yaml.MappingNode):
            raise YamlProblem(root.start_mark.line + 1, "must be a mapping (key: value)")
        return [(str(construct(loader, key)), construct(loader, value), key.start_mark.line + 1)
                for key, value in root.value]
    finally:
        loader.dispose()
