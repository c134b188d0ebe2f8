/**
 * Russian phrasings of the same rules (the product's spec and many of its meetings are in Russian).
 * JavaScript's `\b` knows only ASCII letters, so word edges here are `(?<!\p{L})` / `(?!\p{L})`.
 */
const S = String.raw`(?<!\p{L})`;
const E = String.raw`(?!\p{L})`;
const re = (source: string) => new RegExp(source, "iu");

export type RuHit = { name?: string; task: string; self?: true };

const FIRST_PERSON_VERBS =
  "возьму на себя|беру на себя|займусь|сделаю|подготовлю|отправлю|пришлю|напишу|проверю|обновлю|посмотрю|организую|свяжусь|созвонюсь|допишу|исправлю|настрою|разберусь|забронирую|соберу";
const THIRD_PERSON_VERBS =
  "возьм[её]т на себя|займ[её]тся|сделает|подготовит|отправит|пришл[её]т|напишет|проверит|обновит|посмотрит|организует|свяж[её]тся|исправит|настроит|разбер[её]тся|забронирует|соберёт|соберет";
const MODAL = "можешь|можете|сможешь|сможете|не мог бы ты|не могла бы ты|не могли бы вы";
const IMPERATIVE =
  "возьми|возьмите|сделай|сделайте|подготовь|подготовьте|отправь|отправьте|пришли|пришлите|напиши|напишите|проверь|проверьте|посмотри|посмотрите|обнови|обновите|займись|займитесь|забронируй|забронируйте|свяжись|свяжитесь";

export const ANSWER_RU = re(
  String.raw`^(?:да|конечно|хорошо|ок|окей|сделаю|без проблем|договорились|ладно|беру|понял|поняла|принято|могу)${E}`,
);
export const ABOUT_THE_CALL_RU = re(
  String.raw`${S}(?:слышно|видно|слышите|видите|слышишь|видишь|экран|повтори|повторите|микрофон)${E}`,
);
export const ASK_RU = re(String.raw`${S}(?:${MODAL})\s+(?:пожалуйста,?\s+)?(.+?)[?.!]*$`);

export const DECISION_RU = re(
  String.raw`${S}(?:мы решили|решили|решение\s*[:—-]|решение такое|договорились|остановимся на|останавливаемся на|выбираем|утвердили|согласовали|берём вариант|берем вариант)${E}`,
);
export const NOT_DECIDED_RU = re(
  String.raw`${S}(?:не|ещё не|еще не|пока не)\s+(?:решили|договорились|утвердили|согласовали|выбрали)${E}`,
);

/** The Russian commitment rules for the names of this meeting (same shapes as the English ones). */
export function russianPatterns(NAME: string): ((s: string) => RuHit | null)[] {
  // "для Дмитрия" is inflected: a name that is not said as written leaves the item without owner.
  const label = re(
    String.raw`${S}(?:задача|экшн[- ]?айтем)(?:\s+для\s+(?:${NAME}${E}|\p{L}+))?\s*[:—-]\s*(.+)$`,
  );
  const labelNamed = re(String.raw`^${NAME}\s*(?:[,:—-]|\s(?:должен|должна))\s*(.+)$`);
  const modal = re(
    String.raw`${S}${NAME}\s*,\s*(?:пожалуйста,?\s+)?(?:${MODAL})${E}\s*(?:пожалуйста,?\s+)?(.+)$`,
  );
  const imperative = re(String.raw`${S}${NAME}\s*,\s*(?:пожалуйста,?\s+)?((?:${IMPERATIVE})${E}.+)$`);
  const atEnd = re(String.raw`${S}(?:${MODAL})\s+(?:пожалуйста,?\s+)?(.+?),\s*${NAME}\s*[?.!]*$`);
  const third = re(String.raw`${S}${NAME}\s+((?:${THIRD_PERSON_VERBS})${E}.+)$`);
  const must = re(String.raw`${S}${NAME}\s+(?:должен|должна|обязательно)\s+(.+)$`);
  const letsMake = re(String.raw`${S}давайте\s+(?:убедимся|проследим|договоримся),?\s+что\s+${NAME}\s+(.+)$`);
  const first = re(String.raw`${S}я\s+((?:${FIRST_PERSON_VERBS})${E}.+)$`);
  const named = (m: RegExpExecArray | null, nameAt = 1, taskAt = 2): RuHit | null =>
    m?.[taskAt] ? { name: m[nameAt], task: m[taskAt] } : null;
  return [
    (s) => {
      const m = label.exec(s);
      if (!m?.[2]) return null;
      const inner = labelNamed.exec(m[2]);
      if (inner?.[2]) return { name: inner[1], task: inner[2] };
      return m[1] ? { name: m[1], task: m[2] } : { task: m[2] };
    },
    (s) => named(modal.exec(s)),
    (s) => named(imperative.exec(s)),
    (s) => named(atEnd.exec(s), 2, 1),
    (s) => named(letsMake.exec(s)),
    (s) => (s.trim().endsWith("?") ? null : named(third.exec(s))),
    (s) => (s.trim().endsWith("?") ? null : named(must.exec(s))),
    (s) => {
      const m = s.trim().endsWith("?") ? null : first.exec(s);
      return m?.[1] ? { self: true, task: m[1] } : null;
    },
  ];
}
