import { privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recoverVerifier } from "../../lib/claim/proxy/verifierMessage";
import { devnetVerifierPrivateKey } from "../devnet/accounts";
import { startVerifierServer, type VerifierServer } from "./server";

const owner = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const device = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
let server: VerifierServer;

beforeAll(async () => {
  server = await startVerifierServer({ port: 0 });
});
afterAll(() => server.close());

const ask = (query: string) => fetch(`${server.url}?${query}`);

describe("devnet verifier service", () => {
  it("vouches for any device with the devnet verifier key", async () => {
    const response = await ask(`chainId=31337&owner=${owner}&device=${device}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    const { verifySignature } = (await response.json()) as { verifySignature: `0x${string}` };
    expect(await recoverVerifier(verifySignature, 31337, owner, device)).toBe(privateKeyToAccount(devnetVerifierPrivateKey).address);
    expect(await recoverVerifier(verifySignature, 4689, owner, device)).not.toBe(server.address);
  });

  it("refuses on request, signs with a stranger's key on request, and rejects malformed queries", async () => {
    const refused = await ask(`chainId=31337&owner=${owner}&device=${device}&refuse=1`);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ error: "This device is not registered with the project." });

    const wrong = (await (await ask(`chainId=31337&owner=${owner}&device=${device}&signer=wrong`)).json()) as { verifySignature: `0x${string}` };
    expect(await recoverVerifier(wrong.verifySignature, 31337, owner, device)).not.toBe(server.address);

    expect((await ask(`chainId=0&owner=${owner}&device=${device}`)).status).toBe(400);
    expect((await ask(`chainId=31337&owner=nope&device=${device}`)).status).toBe(400);
  });
});
