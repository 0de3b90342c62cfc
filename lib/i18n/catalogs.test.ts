// The catalogs (messages/*.json) and the pages already translated. Keys used in code are checked by the compiler
// (components/i18n/messages.d.ts types them from the English catalog); here: every language has every key, with
// the same placeholders, and the translated files show no text that skips the catalogs.
import { readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { locales } from "./locales";

const root = path.resolve(import.meta.dirname, "../..");

/** Files whose visible strings all come from the catalogs. */
const translatedFiles = [
  "app/layout.tsx",
  "app/page.tsx",
  "app/not-found.tsx",
  "app/error.tsx",
  "app/offline/page.tsx",
  "components/ui/SiteHeader.tsx",
  "components/ui/SiteFooter.tsx",
  "components/ui/AddressText.tsx",
  "components/ui/AddressInput.tsx",
  "components/ui/Card.tsx",
  "components/ui/CopyButton.tsx",
  "components/ui/CopyableText.tsx",
  "components/ui/icons/CheckStateIcon.tsx",
  "components/ui/icons/DeviceIllustration.tsx",
  "components/ui/icons/DoorIcon.tsx",
  "components/ui/icons/Icon.tsx",
  "components/home/NetworkStatus.tsx",
  "components/theme/ThemeSwitcher.tsx",
  "components/i18n/LanguageSwitcher.tsx",
  "app/claim/page.tsx",
  "components/claim/ChecklistView.tsx",
  "components/claim/ClaimButton.tsx",
  "components/claim/ClaimFlow.tsx",
  "components/claim/ClaimRouteNote.tsx",
  "components/claim/NftPicker.tsx",
  "components/claim/OwnedNftList.tsx",
  "components/sources/SourcePicker.tsx",
  "components/sources/PasteSource.tsx",
  "components/sources/CameraSource.tsx",
  "components/sources/ImageSource.tsx",
  "components/sources/EndpointSource.tsx",
  "components/sources/CertificateHelp.tsx",
  "components/sources/BluetoothSource.tsx",
  "components/sources/SerialSource.tsx",
  "components/sources/deviceLink.tsx",
  "components/wallet/ConnectButton.tsx",
  "components/wallet/LazyWalletProviders.tsx",
  "components/wallet/Providers.tsx",
  "components/wallet/RainbowKitModals.tsx",
  "components/wallet/WalletGate.tsx",
  "components/wallet/walletModals.tsx",
  "components/wallet/walletStack.tsx",
  "app/embed/claim/page.tsx",
  "components/embed/EmbedClaim.tsx",
  "components/devices/ChainPicker.tsx",
  "components/devices/Clipped.tsx",
  "components/devices/DeviceDetail.tsx",
  "components/devices/DeviceList.tsx",
  "components/devices/DeviceLookup.tsx",
  "components/devices/DidQr.tsx",
  "components/devices/DocumentBadge.tsx",
  "components/devices/DocumentPanel.tsx",
  "components/devices/DocumentSummary.tsx",
  "components/devices/ListSkeleton.tsx",
  "components/devices/NetworkGate.tsx",
  "components/devices/OwnedDevices.tsx",
  "components/devices/RawDocument.tsx",
  "components/devices/ReadError.tsx",
  "components/devices/Tabs.tsx",
  "components/devices/actions/DeviceConnect.tsx",
  "components/devices/actions/RemoveAction.tsx",
  "components/devices/actions/TransferAction.tsx",
  "components/devices/actions/TxProgress.tsx",
  "components/devices/actions/UpdateDocumentAction.tsx",
  "components/devices/history/DeviceHistory.tsx",
  "components/devices/messages/DeviceMessages.tsx",
  "components/devices/wallet/SendForm.tsx",
  "components/devices/wallet/WalletAssets.tsx",
  "app/devices/page.tsx",
  "app/devices/[id]/page.tsx",
  "app/claim/fleet/page.tsx",
  "components/fleet/FleetAdd.tsx",
  "components/fleet/FleetCamera.tsx",
  "components/fleet/FleetClaim.tsx",
  "components/fleet/FleetDeviceDoor.tsx",
  "components/fleet/FleetImages.tsx",
  "components/fleet/FleetListDoor.tsx",
  "components/fleet/FleetQueue.tsx",
  "components/fleet/FleetResults.tsx",
  "components/fleet/FleetSend.tsx",
];

/** Attributes a person reads or hears. */
const visibleAttributes = new Set(["aria-label", "title", "alt", "placeholder", "aria-description"]);

type Catalog = { [key: string]: string | Catalog };

function flatten(catalog: Catalog, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(catalog)) {
    if (typeof value === "string") out.set(prefix + key, value);
    else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

// ICU arguments only ("{name}", "{count, plural, …}"), not the words of a select's or plural's branches.
const placeholders = (message: string) => [...new Set([...message.matchAll(/\{(\w+)\s*[,}]/g)].map((m) => m[1]))].sort();

const catalogs = Object.fromEntries(
  locales.map((locale) => [locale, flatten(JSON.parse(readFileSync(path.join(root, "messages", `${locale}.json`), "utf8")) as Catalog)]),
);

/** Text in JSX (element text, visible attributes) that holds a letter: a string the catalogs do not carry. */
function hardCodedText(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(path.join(root, file), "utf8"), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const where = (node: ts.Node) => `${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && /\p{L}/u.test(node.text)) found.push(`${where(node)} "${node.text.trim()}"`);
    if (ts.isJsxExpression(node) && node.expression && ts.isStringLiteralLike(node.expression) && /\p{L}/u.test(node.expression.text) && ts.isJsxElement(node.parent)) {
      found.push(`${where(node)} "${node.expression.text}"`);
    }
    if (ts.isJsxAttribute(node) && visibleAttributes.has(node.name.getText()) && node.initializer && ts.isStringLiteral(node.initializer) && /\p{L}/u.test(node.initializer.text)) {
      found.push(`${where(node)} ${node.name.getText()}="${node.initializer.text}"`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("catalogs", () => {
  const english = catalogs.en!;

  for (const locale of locales.filter((l) => l !== "en")) {
    it(`${locale} has every English key and nothing else`, () => {
      const other = catalogs[locale]!;
      expect([...english.keys()].filter((k) => !other.has(k)), `missing in ${locale}`).toEqual([]);
      expect([...other.keys()].filter((k) => !english.has(k)), `only in ${locale}`).toEqual([]);
    });

    it(`${locale} keeps each message's placeholders`, () => {
      const other = catalogs[locale]!;
      const differing = [...english].filter(([key, message]) => other.has(key) && placeholders(message).join() !== placeholders(other.get(key)!).join());
      expect(differing.map(([key]) => key)).toEqual([]);
    });
  }

  it("has no empty message", () => {
    const empty = locales.flatMap((locale) => [...catalogs[locale]!].filter(([, message]) => !message.trim()).map(([key]) => `${locale}: ${key}`));
    expect(empty).toEqual([]);
  });

  it("carries every string the translated pages show", () => {
    expect(translatedFiles.flatMap(hardCodedText)).toEqual([]);
  });
});
