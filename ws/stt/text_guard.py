"""Guards against Whisper's loops on short windows, kept apart (pure Python) so they are unit-tested
without the model (tests/unit/stt-text-guard.test.ts runs them)."""

import re


def _norm(word):
    return re.sub(r"[^\w']", "", word.lower())


def collapse_repeats(text):
    """Collapses a phrase repeated back to back into one copy.

    A decoder stuck in a loop writes "the budget the budget the budget" or a sentence twice. A
    phrase of two or more words said twice in a row is such a loop far more often than speech; one
    word must come three times in a row before it counts ("very very good" stays). Words compare
    without case and punctuation; the first copy is kept as written.
    """
    words = text.split()
    keys = [_norm(w) for w in words]
    out_words, out_keys = [], []
    i = 0
    while i < len(words):
        out_words.append(words[i])
        out_keys.append(keys[i])
        i += 1
        # After each word, drop every copy of a phrase that ends here and repeats right after.
        changed = True
        while changed:
            changed = False
            for n in range(1, len(out_keys) + 1):
                phrase = out_keys[-n:]
                if not any(phrase):
                    continue
                copies = 0
                j = i
                while keys[j : j + n] == phrase:
                    copies += 1
                    j += n
                # a single word: it is a loop when it comes three times (two more after this one)
                if copies >= (2 if n == 1 else 1):
                    i = j
                    changed = True
                    break
    return " ".join(out_words)


def token_cap(audio_ms, per_second=6, extra=10):
    """The most tokens a window of speech may decode into: more is a loop, not speech."""
    return int(per_second * audio_ms / 1000) + extra
