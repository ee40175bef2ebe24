"""The action server imports every module of this package when it starts: this
one reads the knowledge then, so no visitor's turn pays for it (bot/preload.py)."""

from bot.preload import preload

preload()
