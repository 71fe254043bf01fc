"""People as the admin names them: by their name, not their username."""


def person(user):
    """“Edith Wharton”, or the username of an account without a name; “the system” for none."""
    if user is None:
        return "the system"
    return user.get_full_name() or user.get_username()
