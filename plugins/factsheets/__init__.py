"""factsheets: turn news articles about weapon systems into sourced fact sheets."""

from .plugin import register

__all__ = ["register"]
