/** The call bar's buttons: round, 44 px high (a comfortable touch target), focus ring on the dark bar. */
export const base =
  "inline-flex h-11 shrink-0 items-center justify-center gap-2 rounded-full px-3.5 text-sm font-medium transition-colors " +
  "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-400 disabled:opacity-60 sm:px-4";
/** The control bar's ordinary button. */
export const neutral = `${base} bg-zinc-800 text-white hover:bg-zinc-700 aria-pressed:bg-zinc-600`;
/** A microphone or camera that is off. */
export const off = `${base} bg-red-600 text-white hover:bg-red-500`;
