"""Maintainer-side code generation for the SDK (not shipped, not imported at run time).

`python -m generator.regenerate` (`make regen`) turns the API description in `spec/` into
`assemblyai/_generated/`; see `generator/README.md`.
"""
