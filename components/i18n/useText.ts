"use client";

import { useTranslations } from "next-intl";
import { useCallback } from "react";
import { sayValues, type Text } from "@/lib/i18n/text";

/**
 * Says a lib Text in the page's language. The page must pass the Text's namespace to the client
 * (app/layout.tsx, clientNamespaces) or next-intl reports a missing message.
 */
export function useText(): (said: Text) => string {
  // Typed loosely on purpose: the key was checked where the Text was made, and next-intl's per-key value types
  // cannot follow a union of keys.
  const t = useTranslations() as unknown as (key: string, values?: Record<string, string | number>) => string;
  return useCallback(
    function say(said: Text): string {
      return t(said.key, sayValues(said.values, say));
    },
    [t],
  );
}
