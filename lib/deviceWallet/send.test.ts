import { describe, expect, it } from "vitest";
import { english } from "../i18n/renderText";
import type { Text } from "../i18n/text";
import { toIoAddress } from "../did/ioAddress";
import { historyCodec } from "../history/timeline";
import { candidatesCodec } from "./assets";
import { checkRecipient, parseAmount, sendWarnings } from "./send";
import { tokenText } from "./tokenText";

const said = (checked: { error: Text } | object): string | undefined => ("error" in checked ? english(checked.error as Text) : undefined);

const wallet = "0x1111111111111111111111111111111111111111";
const device = "0x2222222222222222222222222222222222222222";
const other = "0x3333333333333333333333333333333333333333";

describe("send input", () => {
  it("reads amounts in the token's decimals and says what is wrong otherwise", () => {
    expect(parseAmount(" 0.5 ", 18)).toEqual({ amount: 500_000_000_000_000_000n });
    expect(parseAmount("12.5", 6)).toEqual({ amount: 12_500_000n });
    expect(said(parseAmount("1.2345678", 6))).toBe("This token has 6 decimals: at most 6 digits after the dot.");
    expect(said(parseAmount("0", 6))).toBe("Enter an amount above zero.");
    for (const bad of ["", "1,5", "-1", "1e3", "0x10", ".5"]) expect(parseAmount(bad, 18)).toHaveProperty("error");
  });

  it("takes 0x or io1 recipients and refuses the zero address, the wallet itself and the device key", () => {
    expect(checkRecipient(toIoAddress(other), { wallet, device })).toEqual({ address: other });
    expect(checkRecipient(other.toUpperCase().replace("0X", "0x"), { wallet, device })).toEqual({ address: other });
    expect(said(checkRecipient("0x0000000000000000000000000000000000000000", { wallet, device }))).toContain("zero address");
    expect(said(checkRecipient(wallet, { wallet, device }))).toContain("device wallet itself");
    expect(said(checkRecipient(device, { wallet, device }))).toContain("device's key address");
    expect(said(checkRecipient("io1notanaddress", { wallet, device }))).toContain("io1");
  });

  it("warns about the device NFT and contract recipients", () => {
    const nft = { contract: other, tokenId: 1n, name: "D", symbol: "D", isDeviceNFT: true } as const;
    expect(sendWarnings({ kind: "nft", nft }, false).map(english)).toEqual([expect.stringContaining("changes nothing on the ioID")]);
    expect(sendWarnings({ kind: "nft", nft: { ...nft, isDeviceNFT: false } }, true).map(english)).toEqual([expect.stringContaining("onERC721Received")]);
    expect(sendWarnings({ kind: "iotx", amount: 1n }, false)).toEqual([]);
  });

  it("shows token names without control or direction characters, cut short", () => {
    expect(tokenText("\u202eUSDT\u0000", 16)).toBe("USDT");
    expect(tokenText("x".repeat(40), 16)).toBe(`${"x".repeat(16)}…`);
    expect(tokenText(42, 16)).toBeUndefined();
  });
});

describe("stored scan cursors are validated when read back", () => {
  it("rejects anything the codecs did not write", () => {
    expect(candidatesCodec.decode(candidatesCodec.encode({ erc20: [other], nfts: [{ contract: other, tokenId: 7n }] }))).toEqual({ erc20: [other], nfts: [{ contract: other, tokenId: 7n }] });
    for (const bad of [null, {}, { erc20: ["nope"], nfts: [] }, { erc20: [], nfts: [[other, "-1"]] }]) expect(candidatesCodec.decode(bad)).toBeUndefined();
    const entry = { kind: "removed", by: other, tx: `0x${"ab".repeat(32)}`, block: 5n, logIndex: 0 } as const;
    expect(historyCodec.decode(historyCodec.encode([entry]))).toEqual([entry]);
    expect(historyCodec.decode([{ ...entry, kind: "exploded" }])).toBeUndefined();
    expect(historyCodec.decode([{ ...entry, block: "5; drop" }])).toBeUndefined();
  });
});
