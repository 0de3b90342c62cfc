// Words lib/ has for a person (a check's reason, an error's advice), said as a catalog key and the values it needs
// rather than as English: lib stays free of React and of any language, and the UI says it in the owner's language
// (components/i18n/useText.ts); tests and the server read the English with lib/i18n/renderText.ts.
import type en from "@/messages/en.json";

type KeysOf<T, Prefix extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : KeysOf<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** A full dotted key of the catalogs ("Checks.signature.wrongOwner"); a key the English catalog lacks does not compile. */
export type TextKey = KeysOf<typeof en>;

/**
 * Values are already in their final form (a short address, an IOTX amount); numbers drive ICU plurals. A value may
 * itself be a Text (a device's complaint inside a check's sentence): it is said first, in the same language.
 */
export type TextValues = Readonly<Record<string, string | number | Text>>;

export interface Text {
  readonly key: TextKey;
  readonly values?: TextValues;
}

export function text(key: TextKey, values?: TextValues): Text {
  return values ? { key, values } : { key };
}

/** Words from outside the app (a node's or a wallet's error, a schema's complaint): shown as they came, in every language. */
export function untranslated(detail: string): Text {
  return text("Errors.untranslated", { detail });
}

/** The values with every nested Text said by `say`: what a translator takes. */
export function sayValues(values: TextValues | undefined, say: (said: Text) => string): Record<string, string | number> | undefined {
  return values && Object.fromEntries(Object.entries(values).map(([name, value]) => [name, isText(value) ? say(value) : value]));
}

export function isText(value: unknown): value is Text {
  return typeof value === "object" && value !== null && typeof (value as { key?: unknown }).key === "string";
}
