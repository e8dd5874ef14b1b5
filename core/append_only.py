"""Append-only tables, enforced by PostgreSQL (django-pgtrigger).

`append_only(prefix, nullable=(...))` gives the triggers a model lists in its
Meta: no DELETE, and no UPDATE except setting one of the `nullable` foreign
keys to NULL (what ON DELETE SET NULL does when a member or an organization
is deleted: the line stays, without the person). Raw SQL is refused as well
as the ORM. On SQLite the triggers are not installed (the models' querysets
still refuse bulk updates and deletes).

A deliberate exception (an erasure that the law requires to scrub a field)
runs inside `pgtrigger.ignore("app.Model:<trigger name>")`, in code that says why.
"""

import pgtrigger


def append_only(prefix: str, *, nullable: tuple[str, ...] = ()) -> list:
    triggers = [
        pgtrigger.Protect(name=f"{prefix}_no_delete", operation=pgtrigger.Delete),
        pgtrigger.Protect(
            name=f"{prefix}_no_update",
            operation=pgtrigger.Update,
            condition=pgtrigger.AnyChange(exclude=list(nullable)),
        ),
    ]
    for field in nullable:
        # the foreign key may become NULL, never another value
        triggers.append(
            pgtrigger.Protect(
                name=f"{prefix}_{field}_only_nulled",
                operation=pgtrigger.Update,
                condition=pgtrigger.Q(**{f"new__{field}__isnull": False})
                & pgtrigger.Q(**{f"old__{field}__df": pgtrigger.F(f"new__{field}")}),
            )
        )
    return triggers
