import { spawn } from "node:child_process";
import path from "node:path";
import { PassThrough, type Readable, type Writable } from "node:stream";
import { keccak256, stringToBytes } from "viem";
import { describe, expect, it } from "vitest";
import { createSerialDeviceSession, type SerialPortLike } from "../../lib/device/serial";
import { recoverDeviceSignature } from "../../lib/device/signature";
import { createVirtualDevice } from "../../lib/device/simulated/virtualDevice";
import { runSerialDevice } from "./serial";

/** A Node stream pair as the session's port: what a host program on a real UART would hold. */
function streamPort(toDevice: Writable, fromDevice: Readable): SerialPortLike {
  return {
    write: (bytes) => new Promise((resolve, reject) => toDevice.write(bytes, (error) => (error ? reject(error) : resolve()))),
    readable: (async function* () {
      for await (const chunk of fromDevice) yield new Uint8Array(chunk as Buffer);
    })(),
    close: async () => void toDevice.end(),
  };
}

describe("runSerialDevice", () => {
  it("serves a session over streams, with noise", async () => {
    const device = createVirtualDevice({ seed: "serial-script" });
    const input = new PassThrough();
    const output = new PassThrough();
    const log: string[] = [];
    const done = runSerialDevice({ device, input, output, noise: true, log: (line) => log.push(line) });
    const session = createSerialDeviceSession(streamPort(input, output), { stepTimeoutMs: 2000 });
    expect((await session.identify()).did).toBe(device.did);
    const digest = keccak256(stringToBytes("stream"));
    expect(recoverDeviceSignature({ digest, rs: await session.sign(digest), device: device.did }).signer).toBe(device.address);
    expect(session.progress.lines.some((line) => line.includes("ets Jun"))).toBe(true);
    await session.close();
    await done;
    expect(log).toEqual(["← getdid", `← {"hex":"${digest}"}`]);
  });
});

describe("npm run device -- --serial", () => {
  it("speaks the serial protocol on stdin/stdout", async () => {
    const root = path.resolve(import.meta.dirname, "..", "..");
    const child = spawn(path.join(root, "node_modules", ".bin", "tsx"), ["scripts/device.ts", "--serial", "--noise", "--seed", "cli-serial"], {
      cwd: root,
      stdio: ["pipe", "pipe", "pipe"],
    });
    try {
      const session = createSerialDeviceSession(streamPort(child.stdin, child.stdout), { stepTimeoutMs: 15_000 });
      const identity = await session.identify();
      expect(identity.did).toBe(createVirtualDevice({ seed: "cli-serial" }).did);
      expect((await session.diddoc()).document.id).toBe(identity.did);
      await session.close();
      const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
      expect(code).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill();
    }
  });
});
