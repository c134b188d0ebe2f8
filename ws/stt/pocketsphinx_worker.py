"""PocketSphinx speech recognition for many audio streams in one process, over stdin/stdout.

The ws server starts one of these per worker slot (src/modules/core/captions/infra/
local-worker-provider.ts) and multiplexes every participant stream over the pipe, in the protocol
worker_protocol.py describes. The fallback recognizer: whisper_worker.py is the default one.

Per stream: the endpointer (endpointed_stream.py) splits speech on silence; a Decoder transcribes
each utterance, with partial hypotheses while it runs (at most one per PARTIAL_MS of audio, and only
when the text changed) and a final when the speech ends, the utterance grows too long, or the stream
closes. Decoders hold the language model (~90 MB each), so they are lent to a stream only while it
is speaking and kept in a small idle pool after: memory follows concurrent speakers, not connections.
At most MAX_DECODERS exist at once (decoder_pool.py): a stream that starts speaking when all are lent
is told BUSY, and its utterance is transcribed from the moment a decoder comes back (what was said
before that is lost); decoders beyond the idle pool are freed and their memory handed back.
"""

import argparse
import time

from decoder_pool import DecoderPool
from endpointed_stream import EndpointedStream
from worker_protocol import BUSY, READY, send_json, serve, out

PARTIAL_MS = 200
# A final at least this often even when someone talks without pausing, so captions settle.
MAX_UTTERANCE_MS = 20000
MAX_IDLE_DECODERS = 2
MAX_DECODERS = 4
# Not speech: PocketSphinx marks silence, sentence bounds and noises this way.
NOT_WORDS = {"<s>", "</s>", "<sil>"}


class Stream(EndpointedStream):
    def __init__(self, stream_id, pool, partial_ms, max_utterance_ms, slow):
        super().__init__(stream_id, max_utterance_ms, slow)
        self.pool = pool
        self.partial_ms = partial_ms
        # None while all decoders are lent, even in an utterance.
        self.decoder = None
        self.last_partial_ms = 0
        self.last_partial_text = ""

    def release(self):
        """Gives back a decoder still lent (a stream that failed mid-utterance)."""
        if self.decoder is not None:
            decoder, self.decoder = self.decoder, None
            self.pool.give_back(decoder)

    def on_begin(self):
        self.last_partial_ms = 0
        self.last_partial_text = ""
        self.borrow()
        if self.decoder is None:
            send_json(self.id, BUSY, {"maxDecoders": self.pool.max})

    def borrow(self):
        self.decoder = self.pool.take()
        if self.decoder is not None:
            self.decoder.start_utt()

    def on_speech(self, speech):
        if self.decoder is None:
            # Waiting for a decoder: speech until one comes back is not transcribed.
            self.borrow()
            if self.decoder is None:
                return
        self.decoder.process_raw(speech, False, False)
        if not self.partials or self.utt_audio_ms - self.last_partial_ms < self.partial_ms:
            return
        hyp = self.decoder.hyp()
        text = hyp.hypstr if hyp is not None else ""
        if text and text != self.last_partial_text:
            self.last_partial_ms = self.utt_audio_ms
            self.last_partial_text = text
            self.transcript(text, False, self.utt_start_ms + self.utt_audio_ms, None)

    def on_finish(self, end_ms):
        decoder = self.decoder
        self.decoder = None
        if decoder is None:
            return
        decoder.end_utt()
        hyp = decoder.hyp()
        text = hyp.hypstr if hyp is not None else ""
        confidence = word_confidence(decoder) if text else None
        self.pool.give_back(decoder)
        # An empty final only matters when partials were shown: it tells the client to drop them.
        if text or self.last_partial_text:
            self.transcript(text, True, end_ms, confidence)


def word_confidence(decoder):
    """Mean posterior probability of the recognized words (PocketSphinx gives it per segment)."""
    probs = [
        min(1.0, max(0.0, seg.prob))
        for seg in decoder.seg()
        if seg.word not in NOT_WORDS and not seg.word.startswith("[")
    ]
    return round(sum(probs) / len(probs), 3) if probs else None


def main():
    args = argparse.ArgumentParser(description="PocketSphinx streams over stdin/stdout")
    args.add_argument("--partial-ms", type=int, default=PARTIAL_MS)
    args.add_argument("--max-utterance-ms", type=int, default=MAX_UTTERANCE_MS)
    args.add_argument("--max-decoders", type=int, default=MAX_DECODERS)
    args.add_argument("--idle-decoders", type=int, default=MAX_IDLE_DECODERS)
    args.add_argument("--slow", type=float, default=0.0)
    parsed = args.parse_args()
    pool = DecoderPool(parsed.max_decoders, parsed.idle_decoders)
    # Load the model once before saying ready, so the first speaker does not wait for it.
    started = time.monotonic()
    pool.preload()
    send_json(0, READY, {"loadMs": round((time.monotonic() - started) * 1000)})
    out.flush()

    def after_message():
        if pool.trim_due:
            pool.release_memory()

    serve(
        lambda stream_id, _options: Stream(
            stream_id, pool, parsed.partial_ms, parsed.max_utterance_ms, parsed.slow
        ),
        after_message,
    )


if __name__ == "__main__":
    try:
        main()
    except (BrokenPipeError, KeyboardInterrupt):
        pass
