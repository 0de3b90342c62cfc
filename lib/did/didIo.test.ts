import { describe, expect, it } from "vitest";
import { DeviceError } from "../untrusted/errors";
import { fromIoAddress, toIoAddress } from "./ioAddress";
import { deviceRefSegment, parseDeviceRef } from "./didIo";
import { english } from "../i18n/renderText";
import { errorOf } from "../device/testing";

// anvil account 0 in both forms (iotexscan shows the io1 form).
const HEX = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";

describe("io1 ↔ 0x", () => {
  it("round-trips and keeps the checksum form", () => {
    const io = toIoAddress(HEX);
    expect(io).toMatch(/^io1[02-9ac-hj-np-z]{38}$/);
    expect(fromIoAddress(io)).toBe(HEX);
    expect(fromIoAddress(io.toUpperCase())).toBe(HEX);
  });

  it("refuses a wrong checksum or prefix", () => {
    const io = toIoAddress(HEX);
    const broken = `${io.slice(0, -1)}${io.endsWith("q") ? "p" : "q"}`;
    expect(() => fromIoAddress(broken)).toThrow(DeviceError);
    expect(() => fromIoAddress(`bc1${io.slice(3)}`)).toThrow(DeviceError);
  });
});

describe("parseDeviceRef", () => {
  it("reads DIDs, both address forms, legacy did:io:io1 and token numbers", () => {
    const did = `did:io:${HEX.toLowerCase()}`;
    expect(parseDeviceRef(did)).toEqual({ kind: "device", address: HEX, did });
    expect(parseDeviceRef(` ${HEX.toLowerCase()} `)).toEqual({ kind: "device", address: HEX, did });
    expect(parseDeviceRef(toIoAddress(HEX))).toEqual({ kind: "device", address: HEX, did });
    expect(parseDeviceRef(`did:io:${toIoAddress(HEX)}`)).toEqual({ kind: "device", address: HEX, did });
    expect(parseDeviceRef("#42")).toEqual({ kind: "token", id: 42n });
    expect(deviceRefSegment(parseDeviceRef("42"))).toBe("42");
  });

  it("explains what is wrong", () => {
    expect(english(errorOf(() => parseDeviceRef("0x1234")).said)).toMatch(/40 hex digits/);
    expect(english(errorOf(() => parseDeviceRef("0")).said)).toMatch(/start at 1/);
    expect(english(errorOf(() => parseDeviceRef("did:key:z6Mk")).said)).toMatch(/did:key/);
  });
});
