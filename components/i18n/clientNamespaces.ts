import type en from "@/messages/en.json";

export type ClientNamespace = keyof typeof en;

/**
 * The catalog parts the client components of each part of the site read, by what renders them. The messages
 * travel inside each page's HTML and are parsed before it hydrates, so a page carries only its own (the whole
 * catalog costs a phone time on every page). clientNamespaces.test.ts follows each page's imports and fails when
 * a client component there reads a namespace its list lacks.
 */
export const clientNamespaces = {
  /** The root layout's client parts: the wallet button and its dialogs, the footer's switchers, app/error.tsx. */
  layout: ["Footer", "Wallet", "Error"],
  home: ["NetworkStatus"],
  claim: ["Claim", "Sources", "Wallet", "Errors"],
  /**
   * What the claim flow says once it has a device (its checks, their failures): the claim page does not send them,
   * the flow loads them with its controller (useClaimFlow.ts). Pages whose list already holds them load nothing.
   */
  claimAfterInput: ["Checks", "DeviceErrors", "Documents", "ClaimFailure", "ClaimCalls", "Reverts"],
  /**
   * A device's input or link failing before the rest is there: loaded when a source that reaches a device opens
   * (SourcePicker.tsx).
   */
  deviceErrors: ["DeviceErrors"],
  fleet: ["Fleet", "Checks", "Sources", "Errors", "DeviceErrors", "Documents", "ClaimFailure", "ClaimCalls", "ClaimQueue", "Reverts"],
  /** With a row's words: the skeleton is a real row under the pulse, so loaded rows take its place without a shift. */
  devices: ["Devices", "Wallet", "Errors", "Documents", "Addresses", "Ui", "DeviceErrors"],
  /** What a connected wallet's list says beyond its rows (document checks, a wrong network's refusals): loaded with it (DeviceList.tsx). */
  devicesOwned: ["Checks", "Reverts"],
  /** The embedded claim (app/embed/claim): no root layout around it, so its list is whole on its own. */
  embed: ["Claim", "Checks", "Sources", "Wallet", "Embed", "Errors", "Fleet", "Reverts", "ClaimFailure", "ClaimCalls", "ClaimQueue", "DeviceErrors", "Documents"],
  device: ["DeviceDetail", "DeviceWallet", "Devices", "History", "Inbox", "Checks", "Sources", "Errors", "DeviceErrors", "Documents", "Addresses", "Ui", "Reverts", "ClaimFailure", "ClaimCalls"],
} as const satisfies Record<string, readonly ClientNamespace[]>;

/** These parts of a language's catalog, as the one JSON string CatalogProvider takes (it says why a string). */
export function catalogPart(messages: Record<string, unknown>, namespaces: readonly ClientNamespace[]): string {
  return JSON.stringify(Object.fromEntries(namespaces.map((n) => [n, messages[n]])));
}
