import { getAddress } from "viem";
import { describe, expect, it } from "vitest";
import { english } from "../i18n/renderText";
import type { Text } from "../i18n/text";
import { toIoAddress } from "../did/ioAddress";
import { checkTransferRecipient } from "./transferRecipient";

const said = (checked: { error: Text } | object): string | undefined => ("error" in checked ? english(checked.error as Text) : undefined);

const owner = getAddress("0x1111111111111111111111111111111111111111");
const wallet = getAddress("0x2222222222222222222222222222222222222222");
const device = getAddress("0x3333333333333333333333333333333333333333");
const other = getAddress("0x4444444444444444444444444444444444444444");
const ctx = { owner, wallet, device };

describe("checkTransferRecipient", () => {
  it("takes a new owner in 0x or io1 form", () => {
    expect(checkTransferRecipient(` ${other.toLowerCase()} `, ctx)).toEqual({ address: other });
    expect(checkTransferRecipient(toIoAddress(other), ctx)).toEqual({ address: other });
  });

  it("refuses where the ioID would be lost or stuck, saying why", () => {
    expect(said(checkTransferRecipient("0x0000000000000000000000000000000000000000", ctx))).toContain("zero address");
    expect(said(checkTransferRecipient(owner, ctx))).toContain("your own address");
    expect(said(checkTransferRecipient(wallet, ctx))).toContain("device's own wallet");
    expect(said(checkTransferRecipient(device, ctx))).toContain("device's key address");
    expect(said(checkTransferRecipient("0x1234", ctx))).toContain("40 hex digits");
    expect(said(checkTransferRecipient("io1qqqq", ctx))).toContain("io1");
  });

  it("checks only what it knows when the wallet and device are unknown", () => {
    expect(checkTransferRecipient(wallet, { owner, wallet: undefined, device: undefined })).toEqual({ address: wallet });
  });
});
