// transcripts' door: what other modules and pages may use; the pure rules (domain/) may be imported directly.
export {
  getTranscriptPage,
  type PageEntry,
  type PageRequest,
  type TranscriptPage,
} from "./application/get-transcript-page";
export { locateSegments } from "./application/locate-segments";
export { resolveTranscriptAccess } from "./application/transcript-access";
