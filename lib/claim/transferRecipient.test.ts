import { getAddress } from "viem";
import { describe, expect, it } from "vitest";
import { toIoAddress } from "../did/ioAddress";
import { checkTransferRecipient } from "./transferRecipient";

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
    expect(checkTransferRecipient("0x0000000000000000000000000000000000000000", ctx)).toHaveProperty("error", expect.stringContaining("zero address"));
    expect(checkTransferRecipient(owner, ctx)).toHaveProperty("error", expect.stringContaining("your own address"));
    expect(checkTransferRecipient(wallet, ctx)).toHaveProperty("error", expect.stringContaining("device's own wallet"));
    expect(checkTransferRecipient(device, ctx)).toHaveProperty("error", expect.stringContaining("device's key address"));
    expect(checkTransferRecipient("0x1234", ctx)).toHaveProperty("error", expect.stringContaining("40 hex digits"));
    expect(checkTransferRecipient("io1qqqq", ctx)).toHaveProperty("error", expect.stringContaining("io1"));
  });

  it("checks only what it knows when the wallet and device are unknown", () => {
    expect(checkTransferRecipient(wallet, { owner, wallet: undefined, device: undefined })).toEqual({ address: wallet });
  });
});
