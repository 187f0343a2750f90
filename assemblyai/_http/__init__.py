"""HTTP plumbing: the retrying transport, clients, sending operations, uploads and the thread pools of the ``*_async`` methods."""
