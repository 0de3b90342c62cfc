import { text, type Text } from "../i18n/text";
import type { CheckId } from "./checklist";

/**
 * A check's row title, the same for every claim: named by its id (messages: Checks.title). On its own, apart from
 * checklist.ts, so the list that draws rows does not pull signature recovery and the curves into the claim page's
 * first load.
 */
export const checkTitle = (id: CheckId): Text => text(`Checks.title.${id}`);
