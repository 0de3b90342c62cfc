// The serial session's two sign dialects (JSON lines for Linux/ESP32 firmware, S-prefixed lines for Nordic), found
// by trying, and answers that arrive after their request timed out.
import { keccak256, stringToBytes } from "viem";
import { describe, expect, it } from "vitest";
import { formatLikeCJSON } from "../did/cjson";
import { createSerialDeviceSession } from "./serial";
import { createSerialResponder, createVirtualSerialPort } from "./simulated/serialDevice";
import { recoverDeviceSignature } from "./signature";
import { createVirtualDevice } from "./simulated/virtualDevice";
import { rejection, seeded } from "./testing";
import { english } from "../i18n/renderText";

const device = createVirtualDevice({ seed: "serial" });
const digest = keccak256(stringToBytes("serial test"));
const encode = (text: string) => new TextEncoder().encode(text);

describe("createSerialDeviceSession: sign dialects and late answers", () => {
  it("detects the Nordic dialect: a JSON sign line gets no answer, the S line does; later signs send S only", async () => {
    const port = createVirtualSerialPort(createSerialResponder(device, { dialect: "nordic", noise: true, random: seeded(11) }), { boot: true });
    const detected: string[] = [];
    const session = createSerialDeviceSession(port, { stepTimeoutMs: 2000, dialectProbeMs: 40, onDialect: (d) => detected.push(d) });
    expect((await session.identify()).did).toBe(device.did);
    expect(session.dialect).toBeUndefined();
    const rs = await session.sign(digest);
    expect(recoverDeviceSignature({ digest, rs, device: device.did }).signer).toBe(device.address);
    expect(session.dialect).toBe("nordic");
    expect(detected).toEqual(["nordic"]);
    const second = keccak256(stringToBytes("second"));
    await session.sign(second);
    expect(port.written).toBe(`getdid\n{"hex":"${digest}"}\nS{"hex":"${digest}"}\nS{"hex":"${second}"}\n`);
  });

  it("detects the JSON dialect from an answer to the JSON line, without sending the S line", async () => {
    const detected: string[] = [];
    const port = createVirtualSerialPort(createSerialResponder(device));
    const session = createSerialDeviceSession(port, { stepTimeoutMs: 2000, dialectProbeMs: 500, onDialect: (d) => detected.push(d) });
    await session.sign(digest);
    expect(detected).toEqual(["json"]);
    expect(port.written).toBe(`{"hex":"${digest}"}\n`);
  });

  it("uses a known dialect as given (remembered for the port, or the owner's choice)", async () => {
    const port = createVirtualSerialPort(createSerialResponder(device, { dialect: "nordic" }));
    const session = createSerialDeviceSession(port, { stepTimeoutMs: 2000, dialect: "nordic" });
    const rs = await session.sign(digest);
    expect(recoverDeviceSignature({ digest, rs, device: device.did }).signer).toBe(device.address);
    expect(port.written).toBe(`S{"hex":"${digest}"}\n`);
  });

  it("times out when the board answers neither dialect, after trying both once", async () => {
    const port = createVirtualSerialPort(createSerialResponder(device));
    port.muted = true;
    const session = createSerialDeviceSession(port, { stepTimeoutMs: 120, dialectProbeMs: 30 });
    const error = await rejection(session.sign(digest), "serial-timeout");
    expect(english(error.said)).toMatch(/did not answer `sign` \(as JSON, then with the S prefix\) within 120 ms/);
    expect(port.written).toBe(`{"hex":"${digest}"}\nS{"hex":"${digest}"}\n`);
    expect(session.dialect).toBeUndefined();
  });

  it("never takes a late answer to a request that timed out as the answer to the next one", async () => {
    // The board is slow on the first sign: its answer arrives only after the second request went out.
    const requests: string[] = [];
    const port = createVirtualSerialPort({
      boot: () => [],
      receive(bytes) {
        const line = new TextDecoder().decode(bytes).trim();
        requests.push(line);
        if (requests.length === 1) return [];
        const late = device.handleSerialCommand(requests[0]!);
        return [encode(`${formatLikeCJSON(late)}\n`), encode(`${formatLikeCJSON(device.handleSerialCommand(line))}\n`)];
      },
    });
    const session = createSerialDeviceSession(port, { stepTimeoutMs: 100, dialect: "json" });
    await rejection(session.sign(keccak256(stringToBytes("first"))), "serial-timeout");
    const rs = await session.sign(digest);
    expect(recoverDeviceSignature({ digest, rs, device: device.did }).signer).toBe(device.address);
  });

  it("recovers when the board lost the request that timed out instead of answering it late", async () => {
    const requests: string[] = [];
    const port = createVirtualSerialPort({
      boot: () => [],
      receive(bytes) {
        const line = new TextDecoder().decode(bytes).trim();
        requests.push(line);
        return requests.length === 1 ? [] : [encode(`${formatLikeCJSON(device.handleSerialCommand(line))}\n`)];
      },
    });
    const session = createSerialDeviceSession(port, { stepTimeoutMs: 100, dialect: "json" });
    await rejection(session.sign(keccak256(stringToBytes("lost"))), "serial-timeout");
    // The second answer is taken for the lost one's (the board answers in order); the third is not.
    const second = await rejection(session.sign(keccak256(stringToBytes("second"))), "serial-timeout");
    expect(english(second.said)).toMatch(/only what looked like the late answer to an earlier request/);
    const rs = await session.sign(digest);
    expect(recoverDeviceSignature({ digest, rs, device: device.did }).signer).toBe(device.address);
  });
});
