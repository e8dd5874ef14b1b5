"""Organizations as members see them: pages and API.

The models are in `marketplace.models.organizations`, the writes in
`marketplace.services.organizations`.
"""
