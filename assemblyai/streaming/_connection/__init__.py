"""The websocket connections shared by v2 and v3 streaming: one sans-I/O core on websockets' public ClientProtocol, its threaded and asyncio shells, and the pure connection helpers."""
