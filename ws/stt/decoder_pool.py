"""The PocketSphinx decoders of one worker: at most `max_decoders` exist, `idle` stay loaded.

Each decoder holds the language model (~90 MB). Issue 14: ten speaking streams took a worker from
364 to 898 MB, which stayed after they closed. So the pool lends at most `max_decoders` at once
(take() answers None beyond that), keeps `idle` loaded between utterances, and drops the others.
Dropping alone does not shrink the process: glibc keeps the freed model's pages for the next
allocation, so after a drop `release_memory()` collects and calls `malloc_trim(0)`.
"""

import ctypes
import ctypes.util
import gc

from pocketsphinx import Decoder


def _malloc_trim():
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc.malloc_trim
    except (OSError, AttributeError):  # not glibc: nothing to hand back this way
        return None


class DecoderPool:
    def __init__(self, max_decoders, idle):
        self.max = max(1, max_decoders)
        self.idle_max = max(0, min(idle, self.max))
        self.idle = []
        self.lent = 0
        self.trim_due = False
        self._malloc_trim = _malloc_trim()

    def preload(self):
        """Loads one decoder before the worker says ready, so the first speaker does not wait."""
        self.idle.append(Decoder(loglevel="FATAL"))

    def take(self):
        """A decoder to lend, or None when `max` are lent already."""
        if self.idle:
            decoder = self.idle.pop()
        elif self.lent < self.max:
            decoder = Decoder(loglevel="FATAL")
        else:
            return None
        self.lent += 1
        return decoder

    def give_back(self, decoder):
        self.lent -= 1
        if len(self.idle) < self.idle_max:
            self.idle.append(decoder)
        else:
            # Freed once the caller's last reference is gone: the main loop trims after the message.
            self.trim_due = True

    def release_memory(self):
        """Frees dropped decoders and hands the heap's free pages back to the system."""
        self.trim_due = False
        gc.collect()
        if self._malloc_trim is not None:
            self._malloc_trim(0)
