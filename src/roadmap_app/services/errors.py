"""UserError: a problem with the user's input or files, shown as a message, never a traceback."""


class UserError(Exception):
    """Something the user can fix; the message says what is wrong and how to fix it."""

    def __init__(self, message: str, code: int = 2):
        super().__init__(message)
        self.code = code
