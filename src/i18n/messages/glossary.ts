import type { Locale } from "../config";

const en = {
  title: "Glossary",
  hint: "Names, products and jargon said in this space's calls. Live captions lean towards them where the speech recognizer supports it. Participants' names are added on their own.",
  label: "Terms, one per line",
  count: "Terms: {count} of {max}",
  tooMany: "Too many terms ({count}): at most {max}.",
  tooLong: "Line {line} is longer than {max} characters.",
  invalid: "Line {line} has control or invisible characters.",
  save: "Save glossary",
  saving: "Saving…",
  saved: "Saved.",
  empty: "No terms yet.",
  readOnly: "Owners and admins edit the glossary.",
};

export type GlossaryText = typeof en;

/** The space page's glossary card. */
export const GLOSSARY_TEXT: Record<Locale, GlossaryText> = {
  en,
  ru: {
    title: "Глоссарий",
    hint: "Имена, продукты и термины, которые звучат во встречах этого пространства. Субтитры распознают их лучше, если это умеет распознаватель речи. Имена участников добавляются сами.",
    label: "Термины, по одному в строке",
    count: "Терминов: {count} из {max}",
    tooMany: "Терминов: {count}, а можно не больше {max}.",
    tooLong: "Строка {line} длиннее {max} символов.",
    invalid: "В строке {line} есть управляющие или невидимые символы.",
    save: "Сохранить глоссарий",
    saving: "Сохраняем…",
    saved: "Сохранено.",
    empty: "Терминов пока нет.",
    readOnly: "Глоссарий меняют владельцы и администраторы.",
  },
};
