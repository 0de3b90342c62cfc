import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyMessage, type Hex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { createSiweMessage, parseSiweMessage } from "viem/siwe";
import type { Database } from "../db/database";
import { enginesUnderTest } from "../db/testing";
import { createSessionStore, type SessionStore } from "./sessions";
import { signIn, type SignInDeps } from "./signIn";

const account = privateKeyToAccount(generatePrivateKey());
const domain = "wallet.example:3000";

describe("Sign-In with Ethereum", () => {
  let db: Database;
  let dispose: () => Promise<void>;
  let sessions: SessionStore;
  let deps: SignInDeps;
  beforeAll(async () => {
    ({ db, dispose } = await enginesUnderTest[0]!.open());
    sessions = createSessionStore(db);
    // EOA check as viem's verifySiweMessage does it for a plain account (the runtime uses the chain client for smart accounts too).
    deps = {
      sessions,
      domain,
      verify: (chainId, { message, signature }) => (chainId === 31337 ? verifyMessage({ address: parseSiweMessage(message).address!, message, signature }) : undefined),
    };
  }, 300_000);
  afterAll(() => dispose());

  async function signed(overrides: Partial<Parameters<typeof createSiweMessage>[0]> = {}) {
    const message = createSiweMessage({ address: account.address, chainId: 31337, domain, uri: `http://${domain}`, version: "1", nonce: await sessions.issueNonce(), ...overrides });
    return { message, signature: await account.signMessage({ message }) };
  }

  it("opens a session for the signer, once per nonce", async () => {
    const request = await signed();
    expect(await signIn(request, deps)).toBe(account.address);
    await expect(signIn(request, deps)).rejects.toThrow(/already used/);
    const { id } = await sessions.createSession(account.address);
    expect(await sessions.findSession(id)).toBe(account.address);
    await sessions.endSession(id);
    expect(await sessions.findSession(id)).toBeNull();
  });

  it("refuses a message for another site, an expired one, a wrong signature, an unknown chain or nonce", async () => {
    await expect(signIn(await signed({ domain: "evil.example" }), deps)).rejects.toThrow(/made for evil.example/);
    await expect(signIn(await signed({ expirationTime: new Date(Date.now() - 1000) }), deps)).rejects.toMatchObject({ code: "unauthorized" });
    const other = privateKeyToAccount(generatePrivateKey());
    const { message } = await signed();
    await expect(signIn({ message, signature: await other.signMessage({ message }) }, deps)).rejects.toThrow(/does not match/);
    await expect(signIn(await signed({ chainId: 1 }), deps)).rejects.toThrow(/Chain 1 is not served/);
    await expect(signIn(await signed({ nonce: "abcdefgh12345678" }), deps)).rejects.toThrow(/already used or took too long/);
    await expect(signIn({ message: "hello", signature: "0x00" as Hex }, deps)).rejects.toMatchObject({ code: "bad-request" });
  });
});
