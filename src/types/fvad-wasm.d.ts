// @echogarden/fvad-wasm ships no types: the Emscripten module factory and the libfvad exports we use.
declare module "@echogarden/fvad-wasm" {
  export type FvadModule = {
    HEAPU8: Uint8Array;
    _malloc(bytes: number): number;
    _free(ptr: number): void;
    _fvad_new(): number;
    _fvad_free(handle: number): void;
    _fvad_reset(handle: number): void;
    /** 0 (least aggressive about filtering out non-speech) to 3 (most); 0 on success. */
    _fvad_set_mode(handle: number, mode: number): number;
    _fvad_set_sample_rate(handle: number, rate: number): number;
    /** 1 speech, 0 not speech, -1 bad frame length (10, 20 or 30 ms only). */
    _fvad_process(handle: number, samplesPtr: number, length: number): number;
  };
  const factory: () => Promise<FvadModule>;
  export default factory;
}
