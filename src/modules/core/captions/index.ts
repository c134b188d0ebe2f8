// captions' door for server code: what other modules and pages may use. The browser client
// (client/) and the pure rules (domain/, including the ws protocol) may be imported directly; the
// ws process wires the adapters (infra/) itself.
export { getGlossary } from "./application/get-glossary";
export { getCaptionLanguages } from "./application/get-caption-languages";
