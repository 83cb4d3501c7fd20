"""The CLI's commands in one list: the parser, the command names and the dispatch derive from it."""

from __future__ import annotations

from functools import cache

from app.cli.command import Command


@cache
def registry() -> tuple[Command, ...]:
    """Every command, in the order `--help` lists them."""
    # Only the registry imports the commands; they import the leaf `app.cli.command`, never this
    # module, so the CLI has no import cycle. Each module keeps its heavy imports inside its
    # functions, so loading them all stays cheap.
    from app.cli.commands import (
        add,
        audio,
        cast,
        demo_model,
        endpoint,
        enhance,
        export,
        extend,
        farm,
        import_timeline,
        info,
        install_desktop,
        keyframes,
        new,
        package_endpoint,
        preset,
        render,
        repaint,
        report,
        score,
        serve,
        storyboard,
        titles,
    )

    modules = (
        new,
        info,
        render,
        export,
        add,
        import_timeline,
        score,
        report,
        demo_model,
        install_desktop,
        serve,
        package_endpoint,
    )
    return tuple(
        m.COMMAND
        for m in (
            *modules,
            farm,
            preset,
            cast,
            titles,
            audio,
            storyboard,
            enhance,
            keyframes,
            repaint,
            extend,
            endpoint,
        )
    )


def command_names() -> tuple[str, ...]:
    """The names a first argument may take."""
    return tuple(c.name for c in registry())


def find_command(name: str) -> Command | None:
    """The command called name, or None."""
    return next((c for c in registry() if c.name == name), None)
