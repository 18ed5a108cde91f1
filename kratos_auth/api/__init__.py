"""HTTP surfaces: the public API and the admin API, plus their error rendering."""
