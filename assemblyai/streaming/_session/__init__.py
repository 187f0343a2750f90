"""A v3 session that survives the network: retries, reconnection, backpressure, pacing."""
