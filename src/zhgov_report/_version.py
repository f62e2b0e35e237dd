"""The one place the package version is written (read by hatchling and by the package)."""

__all__ = ["__version__"]

__version__ = "0.1.0"
