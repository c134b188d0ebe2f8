"""One participant's audio split into utterances by PocketSphinx's Endpointer (WebRTC VAD).

Shared by the local workers (PocketSphinx, Whisper): the endpointer decides where speech starts
and ends (end of speech -> final in ~0.5 s, its wait for silence), a too long utterance is cut so
captions settle, and Node's GAP / PROGRESS bookkeeping keeps times on the participant's clock.
Subclasses recognise: on_begin() when an utterance starts, on_speech(pcm) for its audio, and
on_finish(end_ms) for its final.
"""

import time

from pocketsphinx import Endpointer

from worker_protocol import (
    BYTES_PER_MS,
    CLOSED,
    PROGRESS,
    SAMPLE_RATE,
    TRANSCRIPT,
    U32,
    send,
    send_json,
)


class EndpointedStream:
    def __init__(self, stream_id, max_utterance_ms, slow=0.0):
        self.id = stream_id
        self.max_utterance_ms = max_utterance_ms
        # Benchmarks and tests only: sleep this many seconds per second of audio, as a slower machine.
        self.slow = slow
        self.ep = Endpointer(sample_rate=SAMPLE_RATE)
        self.frame_bytes = self.ep.frame_bytes
        self.pending = bytearray()
        self.in_utt = False
        self.utterances = 0
        self.utt_start_ms = 0
        self.utt_audio_ms = 0
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
            elif self.utt_audio_ms >= self.max_utterance_ms:
                # Cut here and go on in a new utterance: the speaker is still talking. The cut is
                # where the decoded audio ends, which trails the input by the endpointer's window.
                cut = self.utt_start_ms + self.utt_audio_ms
                self.finish(cut)
                self.begin(cut)
        del self.pending[:offset]
        self.processed += len(pcm)
        if self.slow:
            time.sleep(self.slow * len(pcm) / (SAMPLE_RATE * 2))
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
        """Gives back what a stream that failed mid-utterance still holds."""

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
        self.on_begin()

    def feed(self, speech):
        self.utt_audio_ms += len(speech) // BYTES_PER_MS
        self.on_speech(speech)

    def finish(self, end_ms):
        self.in_utt = False
        self.on_finish(end_ms)

    def on_begin(self):
        raise NotImplementedError

    def on_speech(self, speech):
        raise NotImplementedError

    def on_finish(self, end_ms):
        raise NotImplementedError

    def transcript(self, text, final, end_ms, confidence, **extra):
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
                **extra,
            },
        )
