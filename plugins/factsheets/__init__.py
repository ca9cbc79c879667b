"""factsheets: turn news articles about weapon systems into sourced fact sheets."""

__all__ = ["register"]


def register() -> None:
    """Pelican's entry point. The plugin's modules load only when Pelican loads it, so the
    `factsheets` command starts without importing Pelican."""
    from .plugin import register as register_plugin

    register_plugin()
