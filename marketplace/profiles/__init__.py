"""Expert profiles as members see them: pages, API, forms, and privacy rights
(export and erasure).

The models are in `marketplace.models.profiles`, the writes in
`marketplace.services` (`profiles`, `privacy`, `counsellors`), the reads that
decide visibility and pseudonymity in `marketplace.selectors`.
"""
