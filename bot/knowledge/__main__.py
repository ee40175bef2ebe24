"""`python -m bot.knowledge`: check knowledge/ and say what is wrong, if anything."""

from bot.knowledge.base import main

raise SystemExit(main())
