"""Speech recognition for many audio streams in one process, over stdin/stdout.

The ws server starts one of these per instance (src/modules/core/transcription/infra/
pocketsphinx-provider.ts) and multiplexes every participant stream over the pipe. Each message, both
ways, is a 9-byte header (stream id: u32 big-endian, type: u8, payload length: u32 big-endian)
followed by the payload. Types are listed below and mirrored in pocketsphinx-framing.ts.

Per stream: PocketSphinx's Endpointer (WebRTC VAD) splits speech on silence; a Decoder transcribes
each utterance, with partial hypotheses while it runs (at most one per PARTIAL_MS of audio, and only
when the text changed) and a final when the speech ends, the utterance grows too long, or the stream
closes. Decoders hold the language model (~90 MB each), so they are lent to a stream only while it
is speaking and kept in a small idle pool after: memory follows concurrent speakers, not connections.
At most MAX_DECODERS exist at once (decoder_pool.py): a stream that starts speaking when all are lent
is told BUSY, and its utterance is transcribed from the moment a decoder comes back (what was said
before that is lost); decoders beyond the idle pool are freed and their memory handed back.

Lag budget (the ws server sheds, the worker only obeys): after each AUDIO message the worker reports
PROGRESS, the stream's audio bytes processed so far (u32 BE), so Node can keep each stream's queue
short; PARTIALS (one byte, 0 or 1) turns a stream's partials off or on; GAP (u32 BE milliseconds)
says Node dropped that much audio here: the utterance in flight ends with a final for what was
decoded, and later times count the gap so they stay on the participant's clock.
"""

import argparse
import json
import struct
import sys
import time

from pocketsphinx import Endpointer

from decoder_pool import DecoderPool

# Node -> worker
OPEN, AUDIO, CLOSE, PARTIALS, GAP = 1, 2, 3, 4, 5
# worker -> Node
READY, TRANSCRIPT, CLOSED, ERROR, BUSY, PROGRESS = 16, 17, 18, 19, 20, 21

HEADER = struct.Struct(">IBI")
U32 = struct.Struct(">I")
SAMPLE_RATE = 16000
BYTES_PER_MS = SAMPLE_RATE * 2 // 1000
PARTIAL_MS = 200
# A final at least this often even when someone talks without pausing, so captions settle.
MAX_UTTERANCE_MS = 20000
MAX_IDLE_DECODERS = 2
MAX_DECODERS = 4
# Benchmarks and tests only: sleep this many seconds per second of audio, as a slower machine would.
SLOW = 0.0
# Not speech: PocketSphinx marks silence, sentence bounds and noises this way.
NOT_WORDS = {"<s>", "</s>", "<sil>"}

out = sys.stdout.buffer
# Set in main() from the arguments.
pool = None


def send(stream_id, kind, payload=b""):
    out.write(HEADER.pack(stream_id, kind, len(payload)))
    out.write(payload)


def send_json(stream_id, kind, obj):
    send(stream_id, kind, json.dumps(obj, separators=(",", ":")).encode())


class Stream:
    def __init__(self, stream_id):
        self.id = stream_id
        self.ep = Endpointer(sample_rate=SAMPLE_RATE)
        self.frame_bytes = self.ep.frame_bytes
        self.pending = bytearray()
        self.decoder = None
        # In an utterance (speech between silences); its decoder may be None while all are lent.
        self.in_utt = False
        self.utterances = 0
        self.utt_start_ms = 0
        self.utt_audio_ms = 0
        self.last_partial_ms = 0
        self.last_partial_text = ""
        self.partials = True
        self.processed = 0
        self.gap_ms = 0
        # Where the current endpointer's clock starts on the stream's clock (gaps move it on).
        self.base_ms = 0

    def audio(self, pcm):
        self.pending += pcm
        fb = self.frame_bytes
        offset = 0
        while len(self.pending) - offset >= fb:
            frame = bytes(self.pending[offset : offset + fb])
            offset += fb
            was_speaking = self.ep.in_speech
            speech = self.ep.process(frame)
            if speech is None:
                continue
            if not was_speaking:
                self.begin(self.base_ms + self.ep.speech_start * 1000)
            self.feed(speech)
            if not self.ep.in_speech:
                self.finish(self.base_ms + self.ep.speech_end * 1000)
            elif self.utt_audio_ms >= MAX_UTTERANCE_MS:
                # Cut here and go on in a new utterance: the speaker is still talking. The cut is
                # where the decoded audio ends, which trails the input by the endpointer's window.
                cut = self.utt_start_ms + self.utt_audio_ms
                self.finish(cut)
                self.begin(cut)
        del self.pending[:offset]
        self.processed += len(pcm)
        if SLOW:
            time.sleep(SLOW * len(pcm) / (SAMPLE_RATE * 2))
        send(self.id, PROGRESS, U32.pack(self.processed & 0xFFFFFFFF))

    def gap(self, ms):
        """Node dropped `ms` of audio after what it sent: end here, go on after the gap."""
        fed_ms = self.processed // BYTES_PER_MS
        self.end_utterance()
        self.ep = Endpointer(sample_rate=SAMPLE_RATE)
        self.base_ms = fed_ms + self.gap_ms + ms
        self.gap_ms += ms

    def close(self):
        try:
            self.end_utterance()
        finally:
            self.release()
        send(self.id, CLOSED)

    def release(self):
        """Gives back a decoder still lent (a stream that failed mid-utterance)."""
        if self.decoder is not None:
            decoder, self.decoder = self.decoder, None
            pool.give_back(decoder)

    def end_utterance(self):
        if self.ep.in_speech:
            # end_stream refuses an empty buffer (IndexError), which is what is left when the
            # audio ended on a frame boundary: one frame of silence stands in for it then.
            tail = bytes(self.pending[: self.frame_bytes]) or bytes(self.frame_bytes)
            speech = self.ep.end_stream(tail)
            if speech is not None:
                if not self.in_utt:
                    self.begin(self.base_ms + self.ep.speech_start * 1000)
                self.feed(speech)
        self.pending.clear()
        if self.in_utt:
            end_ms = (
                self.base_ms + self.ep.speech_end * 1000
                if not self.ep.in_speech
                else self.utt_start_ms + self.utt_audio_ms
            )
            self.finish(max(end_ms, self.utt_start_ms))

    def begin(self, start_ms):
        self.in_utt = True
        self.utterances += 1
        self.utt_start_ms = start_ms
        self.utt_audio_ms = 0
        self.last_partial_ms = 0
        self.last_partial_text = ""
        self.borrow()
        if self.decoder is None:
            send_json(self.id, BUSY, {"maxDecoders": pool.max})

    def borrow(self):
        self.decoder = pool.take()
        if self.decoder is not None:
            self.decoder.start_utt()

    def feed(self, speech):
        self.utt_audio_ms += len(speech) // BYTES_PER_MS
        if self.decoder is None:
            # Waiting for a decoder: speech until one comes back is not transcribed.
            self.borrow()
            if self.decoder is None:
                return
        self.decoder.process_raw(speech, False, False)
        if not self.partials or self.utt_audio_ms - self.last_partial_ms < PARTIAL_MS:
            return
        hyp = self.decoder.hyp()
        text = hyp.hypstr if hyp is not None else ""
        if text and text != self.last_partial_text:
            self.last_partial_ms = self.utt_audio_ms
            self.last_partial_text = text
            self.transcript(text, False, self.utt_start_ms + self.utt_audio_ms, None)

    def finish(self, end_ms):
        self.in_utt = False
        decoder = self.decoder
        self.decoder = None
        if decoder is None:
            return
        decoder.end_utt()
        hyp = decoder.hyp()
        text = hyp.hypstr if hyp is not None else ""
        confidence = word_confidence(decoder) if text else None
        pool.give_back(decoder)
        # An empty final only matters when partials were shown: it tells the client to drop them.
        if text or self.last_partial_text:
            self.transcript(text, True, end_ms, confidence)

    def transcript(self, text, final, end_ms, confidence):
        send_json(
            self.id,
            TRANSCRIPT,
            {
                "id": str(self.utterances),
                "text": text,
                "final": final,
                "startMs": round(self.utt_start_ms),
                "endMs": round(end_ms),
                "confidence": confidence,
            },
        )


def word_confidence(decoder):
    """Mean posterior probability of the recognized words (PocketSphinx gives it per segment)."""
    probs = [
        min(1.0, max(0.0, seg.prob))
        for seg in decoder.seg()
        if seg.word not in NOT_WORDS and not seg.word.startswith("[")
    ]
    return round(sum(probs) / len(probs), 3) if probs else None


def read_exactly(stream, n):
    """n bytes, or None at end of input (the ws server went away)."""
    buf = bytearray()
    while len(buf) < n:
        chunk = stream.read(n - len(buf))
        if not chunk:
            return None
        buf += chunk
    return bytes(buf)


def main():
    global PARTIAL_MS, MAX_UTTERANCE_MS, SLOW, pool
    args = argparse.ArgumentParser(description="PocketSphinx streams over stdin/stdout")
    args.add_argument("--partial-ms", type=int, default=PARTIAL_MS)
    args.add_argument("--max-utterance-ms", type=int, default=MAX_UTTERANCE_MS)
    args.add_argument("--max-decoders", type=int, default=MAX_DECODERS)
    args.add_argument("--idle-decoders", type=int, default=MAX_IDLE_DECODERS)
    args.add_argument("--slow", type=float, default=SLOW)
    parsed = args.parse_args()
    PARTIAL_MS, MAX_UTTERANCE_MS, SLOW = parsed.partial_ms, parsed.max_utterance_ms, parsed.slow
    pool = DecoderPool(parsed.max_decoders, parsed.idle_decoders)
    inp = sys.stdin.buffer
    streams = {}
    # Load the model once before saying ready, so the first speaker does not wait for it.
    started = time.monotonic()
    pool.preload()
    send_json(0, READY, {"loadMs": round((time.monotonic() - started) * 1000)})
    out.flush()
    while True:
        header = read_exactly(inp, HEADER.size)
        if header is None:
            return
        stream_id, kind, length = HEADER.unpack(header)
        payload = read_exactly(inp, length) if length else b""
        if payload is None:
            return
        try:
            if kind == OPEN:
                streams[stream_id] = Stream(stream_id)
            elif kind == AUDIO:
                stream = streams.get(stream_id)
                if stream is not None:
                    stream.audio(payload)
            elif kind == CLOSE:
                stream = streams.pop(stream_id, None)
                if stream is not None:
                    stream.close()
                else:
                    send(stream_id, CLOSED)
            elif kind == PARTIALS:
                stream = streams.get(stream_id)
                if stream is not None:
                    stream.partials = payload[:1] != b"\x00"
            elif kind == GAP:
                stream = streams.get(stream_id)
                if stream is not None:
                    stream.gap(U32.unpack(payload)[0])
            else:
                send_json(stream_id, ERROR, {"message": f"unknown message type {kind}"})
        except Exception as e:  # one stream's failure must not end the others
            failed = streams.pop(stream_id, None)
            if failed is not None:
                failed.release()
            send_json(stream_id, ERROR, {"message": f"{type(e).__name__}: {e}"})
        # Before the reply goes out: once a stream's CLOSED arrives, its memory is back.
        if pool.trim_due:
            pool.release_memory()
        out.flush()


if __name__ == "__main__":
    try:
        main()
    except (BrokenPipeError, KeyboardInterrupt):
        pass
