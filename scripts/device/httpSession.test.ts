import { keccak256, stringToBytes } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isDeviceError } from "../../lib/untrusted/errors";
import { createHttpDeviceSession } from "../../lib/device/httpSession";
import { recoverDeviceSignature } from "../../lib/device/signature";
import { startVirtualDeviceServer, type VirtualDeviceServer } from "./server";

// The app's HTTP session against the virtual device over a real socket, so "the firmware closes
// the connection" is met as the browser meets it.

let server: VirtualDeviceServer;

beforeAll(async () => {
  server = await startVirtualDeviceServer({ port: 0, seed: "http-session" });
});
afterAll(async () => {
  await server?.close();
});

describe("createHttpDeviceSession against the virtual device server", () => {
  it("identifies, reads the document and signs", async () => {
    const session = createHttpDeviceSession(server.url);
    const identity = await session.identify();
    expect(identity.did).toBe(server.device.did);
    expect((await session.diddoc()).verificationMethodId).toBe(`${identity.did}#Key-secp256k1-1`);
    const digests = [1, 2, 3].map((i) => keccak256(stringToBytes(`s${i}`)));
    const signatures = await Promise.all(digests.map((d) => session.sign(d)));
    signatures.forEach((rs, i) => expect(recoverDeviceSignature({ digest: digests[i]!, rs, device: identity.did }).signer).toBe(identity.address));
  });

  it("reports a stopped device as unreachable", async () => {
    const stopped = await startVirtualDeviceServer({ port: 0, seed: "stopped" });
    await stopped.close();
    const error = await createHttpDeviceSession(stopped.url, { timeoutMs: 2000 })
      .identify()
      .catch((e: unknown) => e);
    expect(isDeviceError(error, "http-unreachable")).toBe(true);
  });
});
