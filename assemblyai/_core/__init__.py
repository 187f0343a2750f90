"""The pure core: errors, retry and polling decisions, pagination, rendering, validation, enums, decoding and settings. Nothing here performs I/O."""
