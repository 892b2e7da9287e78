"""Exceptions raised by regsim (kept apart so that the C++ core can raise them)."""


class ConfigError(ValueError):
    """A bad config, key, value, sweep file or state file.

    ``str(error)`` holds one ``file:line: key: message`` line per problem, as the ``regsim``
    command prints them; ``error.errors`` lists them as dicts (file, line, key, message, text).
    """

    def __init__(self, message, errors=()):
        super().__init__(message)
        self.errors = list(errors)
