"use client";

import { createTranslator } from "next-intl";
import { useMemo } from "react";
import { useText } from "@/components/i18n/useText";
import { sayValues, type Text } from "@/lib/i18n/text";

/**
 * The English catalog parts a failure's words come from, given by the page when the flow speaks another language
 * (undefined when it speaks English): hosts read `claim:failed`'s message in English (docs/embed-api.md).
 */
export type HostCatalog = Record<string, unknown> | undefined;

/** Says a Text in English for the host, whatever language the owner reads. */
export function useHostWords(catalog: HostCatalog): (said: Text) => string {
  const say = useText();
  return useMemo(() => {
    if (!catalog) return say;
    // Typed loosely for the same reason as useText: the key was checked where the Text was made.
    const t = createTranslator({ locale: "en", messages: catalog }) as unknown as (key: string, values?: Record<string, string | number>) => string;
    return function english(said: Text): string {
      return t(said.key, sayValues(said.values, english));
    };
  }, [catalog, say]);
}
