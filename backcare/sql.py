"""What the hand-written SQL of the selectors and services is built from (CONTRIBUTING, "Speed"):
the models' own table and column names, quoted for the database in use, and the ORM's own
conversion of the values read back. Each statement built from these is built once a process by
its caller and compared with the ORM's rows by a test."""

from django.db import connection


def table(model):
    """The model's table name, quoted."""
    return connection.ops.quote_name(model._meta.db_table)


def column(model, name):
    """The column of the model's field `name`, quoted."""
    return connection.ops.quote_name(model._meta.get_field(name).column)


def column_converters(model, names):
    """For each of the model's fields named (attnames), what the ORM does to a value read from its
    column: the backend's converters, then the field's own (Field.get_db_converters: a SQLite
    datetime made aware, a JSON text loaded), each with the column it is given. For a hand-written
    read whose rows must be the ORM's; worked out once a process by its caller."""
    db_table = model._meta.db_table
    found = []
    for name in names:
        field = model._meta.get_field(name)
        col = field.get_col(db_table)
        found.append(
            tuple(
                (converter, col)
                for converter in (
                    *connection.ops.get_db_converters(col),
                    *field.get_db_converters(connection),
                )
            )
        )
    return tuple(found)


def converted(row, converters):
    """A row's values through `column_converters`' converters, column by column."""
    values = []
    for value, steps in zip(row, converters, strict=True):
        for converter, col in steps:
            value = converter(value, col, connection)
        values.append(value)
    return values
