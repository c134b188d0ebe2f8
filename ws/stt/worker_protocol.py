"""The pipe protocol every local speech worker speaks with the ws server, over stdin/stdout.

Each message, both ways, is a 9-byte header (stream id: u32 big-endian, type: u8, payload length:
u32 big-endian) followed by the payload; stream 0 is the worker itself. Types are listed below and
mirrored in src/modules/core/captions/infra/pocketsphinx-framing.ts.

OPEN may carry a JSON payload ({"language": "ru", "prompt": "names, terms"}); workers that need
neither ignore it. After each AUDIO message the worker reports PROGRESS, the stream's audio bytes
processed so far (u32 BE), so Node can keep each stream's queue short; PARTIALS (one byte, 0 or 1)
turns a stream's partials off or on; GAP (u32 BE milliseconds) says Node dropped that much audio:
the utterance in flight ends with a final for what was decoded, and later times count the gap.
"""

import json
import struct
import sys

# Node -> worker
OPEN, AUDIO, CLOSE, PARTIALS, GAP = 1, 2, 3, 4, 5
# worker -> Node
READY, TRANSCRIPT, CLOSED, ERROR, BUSY, PROGRESS = 16, 17, 18, 19, 20, 21

HEADER = struct.Struct(">IBI")
U32 = struct.Struct(">I")
SAMPLE_RATE = 16000
BYTES_PER_MS = SAMPLE_RATE * 2 // 1000

out = sys.stdout.buffer


def send(stream_id, kind, payload=b""):
    out.write(HEADER.pack(stream_id, kind, len(payload)))
    out.write(payload)


def send_json(stream_id, kind, obj):
    send(stream_id, kind, json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode())


def read_exactly(stream, n):
    """n bytes, or None at end of input (the ws server went away)."""
    buf = bytearray()
    while len(buf) < n:
        chunk = stream.read(n - len(buf))
        if not chunk:
            return None
        buf += chunk
    return bytes(buf)


def open_options(payload):
    """OPEN's JSON options; {} when it has none (or they do not parse)."""
    if not payload:
        return {}
    try:
        parsed = json.loads(payload.decode())
    except (UnicodeDecodeError, ValueError):
        return {}
    return parsed if isinstance(parsed, dict) else {}


def serve(open_stream, after_message=None):
    """Reads messages until the ws server closes the pipe. `open_stream(id, options)` makes a
    stream (audio(pcm), gap(ms), close(), release(), and a `partials` flag); `after_message()`
    runs before each reply is flushed (the PocketSphinx worker hands freed memory back there)."""
    inp = sys.stdin.buffer
    streams = {}
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
                streams[stream_id] = open_stream(stream_id, open_options(payload))
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
        if after_message is not None:
            after_message()
        out.flush()
