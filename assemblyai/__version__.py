__version__ = "0.45.4"
