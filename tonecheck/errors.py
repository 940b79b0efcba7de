"""Errors the user can act on. The CLI turns each into one line and exit code 2."""


class TonecheckError(Exception):
    """Base class: a problem with the user's input, config or plugins, never a bug."""


class InputError(TonecheckError):
    """The draft cannot be read: missing, binary, not UTF-8, empty."""


class ConfigError(TonecheckError):
    """A configuration file or option is invalid."""


class PackError(TonecheckError):
    """A YAML rule pack is malformed. The message names the file, the rule and the field."""

    def __init__(self, path, rule, field, problem):
        self.path, self.rule, self.field, self.problem = str(path), rule, field, problem
        where = f"rule {rule!r}" if rule else "pack"
        super().__init__(f"{self.path}: {where}, field {field!r}: {problem}")


class PluginError(TonecheckError):
    """A plugin could not be loaded."""
