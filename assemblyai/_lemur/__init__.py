"""LeMUR: the sync and asyncio clients and the models the spec lacks."""
