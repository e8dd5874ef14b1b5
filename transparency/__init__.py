"""Public value sharing: the catalogue of figures, sealed months, open data and the dashboard (issue 12)."""
