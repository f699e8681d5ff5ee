"""Process pools around the pure extraction core: the bot's extractor, batch extraction, the workers' set-up.

``pool`` starts every pool and holds what runs in a worker process (the model loaded once, memory bounds,
the orphan watch); ``extractor`` is the bot's pool (one article at a time, off the event loop); ``batch``
extracts many documents on every core. The extraction core never imports this package.
"""

from bot.workers.extractor import ProcessPoolExtractor, plan

__all__ = ["ProcessPoolExtractor", "plan"]
