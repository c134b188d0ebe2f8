"""Whisper speech recognition for many audio streams in one process, over stdin/stdout.

The embedded default recognizer: the ws server starts one of these per worker slot
(src/modules/core/captions/infra/local-worker-provider.ts) and multiplexes every participant
stream over the pipe, in the protocol worker_protocol.py describes. The same endpointer as the
PocketSphinx worker splits speech into utterances (endpointed_stream.py).

Decoding calls CTranslate2's Whisper model directly: faster-whisper's transcribe() pads every call
to 30 s (~0.5 s CPU), too slow for partials, while a window of max(5 s, utterance + 1 s) keeps the
accuracy at 65-85 ms CPU per tiny.en call. Partials are greedy, at most one per PARTIAL_MS of
speech and only when the text changed; the final is a beam search. The prompt is the stream's
vocabulary (names, glossary) and its previous final. Short windows loop on repeated phrases, so
decoding has a repetition penalty, a token cap per second of audio and a collapse of repeats
(text_guard.py).

The model is shared by every stream (CTranslate2 is thread-safe and holds no per-stream state), so
a worker never says BUSY: its limit is CPU, which the ws server's lag budget watches.
"""

import argparse
import math
import os
import time

# Never a model hub at run time: the models are local directories (scripts/install-stt.sh).
os.environ["HF_HUB_OFFLINE"] = "1"

import ctranslate2  # noqa: E402
import numpy as np  # noqa: E402
import tokenizers  # noqa: E402
from faster_whisper.feature_extractor import FeatureExtractor  # noqa: E402
from faster_whisper.tokenizer import Tokenizer  # noqa: E402

from endpointed_stream import EndpointedStream
from text_guard import collapse_repeats, token_cap
from worker_protocol import READY, SAMPLE_RATE, out, send_json, serve

PARTIAL_MS = 480
# Whisper sees at most 30 s at once; a final at least this often keeps the window inside it.
MAX_UTTERANCE_MS = 20000
MIN_WINDOW_MS = 5000
REPETITION_PENALTY = 1.1
FINAL_BEAM = 5
# Whisper's decoder holds 448 positions; the prompt may take at most half of them.
MAX_PROMPT_TOKENS = 223
# Of those, the previous final's last tokens (context); the rest is the vocabulary's front.
MAX_PREVIOUS_TOKENS = 64
# faster-whisper's rule for a window with no speech in it: a likely silence decoded with low confidence.
NO_SPEECH_PROB = 0.6
NO_SPEECH_LOGPROB = -1.0


class Model:
    """One CTranslate2 Whisper model and its tokenizers (one per language, made on first use)."""

    def __init__(self, path, threads):
        self.whisper = ctranslate2.models.Whisper(
            path, device="cpu", compute_type="int8", intra_threads=threads, inter_threads=1
        )
        self.hf_tokenizer = tokenizers.Tokenizer.from_file(os.path.join(path, "tokenizer.json"))
        self.features = FeatureExtractor(feature_size=self.whisper.n_mels)
        self.tokenizers = {}

    def tokenizer(self, language):
        if language not in self.tokenizers:
            self.tokenizers[language] = Tokenizer(
                self.hf_tokenizer,
                self.whisper.is_multilingual,
                task="transcribe",
                language=language if self.whisper.is_multilingual else None,
            )
        return self.tokenizers[language]

    def decode(self, pcm, language, prompt, beam):
        """
        Text, confidence and language of one utterance (PCM16LE); ("", None, language) when it is
        no speech. `language` None: detected from the audio (multilingual models only).
        `prompt`: (vocabulary, previous final).
        """
        audio = np.frombuffer(pcm, dtype=np.int16).astype(np.float32) / 32768.0
        audio_ms = len(audio) * 1000 // SAMPLE_RATE
        window = max(MIN_WINDOW_MS, audio_ms + 1000) * SAMPLE_RATE // 1000
        padded = np.zeros(window, dtype=np.float32)
        padded[: len(audio)] = audio
        frames = window // self.features.hop_length
        mel = self.features(padded, padding=0)[:, :frames]
        features = ctranslate2.StorageView.from_array(np.ascontiguousarray(mel[None]))
        if language is None:
            # [(token, probability)] best first, e.g. ("<|ru|>", 0.93).
            language = self.whisper.detect_language(features)[0][0][0][2:-2]
        tok = self.tokenizer(language)
        context = prompt_tokens(tok, *prompt)
        if context:
            context = [tok.sot_prev] + context
        head = context + list(tok.sot_sequence) + [tok.no_timestamps]
        result = self.whisper.generate(
            features,
            [head],
            beam_size=beam,
            repetition_penalty=REPETITION_PENALTY,
            max_length=len(head) + token_cap(audio_ms),
            return_scores=True,
            return_no_speech_prob=True,
            suppress_blank=True,
        )[0]
        score = result.scores[0] if result.scores else -math.inf
        if result.no_speech_prob > NO_SPEECH_PROB and score < NO_SPEECH_LOGPROB:
            return "", None, language
        ids = [i for i in result.sequences_ids[0] if i < tok.eot]
        text = collapse_repeats(tok.decode(ids).strip())
        return text, round(min(1.0, math.exp(score)), 3) if text else None, language


def prompt_tokens(tok, vocabulary, previous_final):
    """
    The previous final's end (what is being talked about) and as much of the vocabulary as fits
    from its front: names come first there, so a long glossary loses its own tail, not the names.
    """
    final = tok.encode(" " + previous_final.strip())[-MAX_PREVIOUS_TOKENS:] if previous_final.strip() else []
    room = MAX_PROMPT_TOKENS - len(final)
    vocab = tok.encode(" " + vocabulary.strip())[:room] if vocabulary.strip() else []
    return vocab + final


class Models:
    """The installed models: English streams use the English-only one when there is one."""

    def __init__(self, english, multilingual, threads):
        self.paths = {"english": english, "multilingual": multilingual}
        self.threads = threads
        self.loaded = {}

    def for_language(self, language):
        kind = "english" if language == "en" and self.paths["english"] else "multilingual"
        if not self.paths[kind]:
            raise ValueError(f'no installed Whisper model transcribes "{language}"')
        if kind not in self.loaded:
            self.loaded[kind] = Model(self.paths[kind], self.threads)
        return self.loaded[kind]


class Stream(EndpointedStream):
    def __init__(self, stream_id, models, options, partial_ms, max_utterance_ms, slow):
        super().__init__(stream_id, max_utterance_ms, slow)
        # "en-US" -> "en": Whisper knows languages, not regions.
        self.language = str(options.get("language") or "en").split("-")[0].split("_")[0].lower()
        self.model = models.for_language(self.language)
        # "auto": each utterance's language is detected (the multilingual model; code switching).
        self.fixed_language = None if self.language == "auto" else self.language
        self.utt_language = self.fixed_language
        self.vocabulary = str(options.get("prompt") or "")
        self.partial_ms = partial_ms
        self.speech = bytearray()
        self.previous_final = ""
        self.last_partial_ms = 0
        self.last_partial_text = ""
        self.partial_cost_ms = 0

    def prompt(self):
        return (self.vocabulary, self.previous_final)

    def on_begin(self):
        self.speech.clear()
        self.partial_cost_ms = 0
        self.last_partial_ms = 0
        self.last_partial_text = ""
        self.utt_language = self.fixed_language

    def on_speech(self, speech):
        self.speech += speech
        # Partials spend at most half a core per speaker: a costly decode (a long window, the
        # larger base model) spaces the next one out rather than falling behind.
        interval = max(self.partial_ms, 2 * self.partial_cost_ms)
        if not self.partials or self.utt_audio_ms - self.last_partial_ms < interval:
            return
        self.last_partial_ms = self.utt_audio_ms
        started = time.process_time()
        text, _, self.utt_language = self.model.decode(
            bytes(self.speech), self.utt_language, self.prompt(), 1
        )
        self.partial_cost_ms = (time.process_time() - started) * 1000
        if text and text != self.last_partial_text:
            self.last_partial_text = text
            self.transcript(text, False, self.utt_start_ms + self.utt_audio_ms, None)

    def on_finish(self, end_ms):
        text, confidence = "", None
        if self.speech:
            # The whole utterance decides its language, not the first partial's second of it.
            text, confidence, self.utt_language = self.model.decode(
                bytes(self.speech), self.fixed_language, self.prompt(), FINAL_BEAM
            )
        self.speech.clear()
        if text:
            self.previous_final = text
        # An empty final only matters when partials were shown: it tells the client to drop them.
        if text or self.last_partial_text:
            self.transcript(text, True, end_ms, confidence)

    def transcript(self, text, final, end_ms, confidence, **extra):
        language = self.utt_language or self.fixed_language
        super().transcript(text, final, end_ms, confidence, language=language, **extra)


def main():
    args = argparse.ArgumentParser(description="Whisper streams over stdin/stdout")
    args.add_argument("--english-model", default="", help="directory of an English-only model")
    args.add_argument("--multilingual-model", default="", help="directory of a multilingual model")
    args.add_argument("--threads", type=int, default=1, help="CTranslate2 threads per decode")
    args.add_argument("--partial-ms", type=int, default=PARTIAL_MS)
    args.add_argument("--max-utterance-ms", type=int, default=MAX_UTTERANCE_MS)
    args.add_argument("--slow", type=float, default=0.0)
    parsed = args.parse_args()
    models = Models(parsed.english_model, parsed.multilingual_model, parsed.threads)
    # Load a model before saying ready, so the first speaker does not wait for it (and a model
    # that does not load fails the worker's start, where the ws server falls back).
    started = time.monotonic()
    models.for_language("en" if parsed.english_model else "multilingual")
    send_json(0, READY, {"loadMs": round((time.monotonic() - started) * 1000)})
    out.flush()
    serve(
        lambda stream_id, options: Stream(
            stream_id, models, options, parsed.partial_ms, parsed.max_utterance_ms, parsed.slow
        )
    )


if __name__ == "__main__":
    try:
        main()
    except (BrokenPipeError, KeyboardInterrupt):
        pass
