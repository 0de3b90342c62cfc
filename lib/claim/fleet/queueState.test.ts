// The saved queue is a boundary across versions of the app: a queue saved before failures were catalog texts must
// still come back (its hashes and results are what a reload is for), and a hand-edited one must not pass.
import { describe, expect, it } from "vitest";
import { english, renderText } from "../../i18n/renderText";
import { text } from "../../i18n/text";
import { parseStoredFleet } from "./queueState";

const owner = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const hash = `0x${"ab".repeat(32)}`;

describe("parseStoredFleet", () => {
  it("reads a version 2 queue with its failures as catalog texts", () => {
    const failure = { code: "revert:device-exists", message: text("Reverts.deviceExists.message"), action: text("Reverts.deviceExists.action") };
    const stored = parseStoredFleet({ version: 2, chainId: 31337, owner, rows: [{ raw: "code-a", status: "failed", hash, failure }] });
    expect(stored?.rows[0]?.failure).toEqual(failure);
    expect(renderText("zh-Hans", stored!.rows[0]!.failure!.message)).toBe("该设备已经注册。");
  });

  it("still reads a version 1 queue: its English failures are shown as they were written", () => {
    const stored = parseStoredFleet({
      chainId: 31337,
      owner,
      rows: [
        { raw: "code-a", status: "done", result: { ioID: "7", did: "did:io:0x1", device: owner, wallet: owner, txHash: hash } },
        { raw: "code-b", status: "failed", failure: { code: "claim:reverted", message: "The registration was reverted on chain.", action: "Check again, then retry the failed rows." } },
      ],
    });
    expect(stored?.version).toBe(2);
    expect(stored?.rows.map((r) => r.status)).toEqual(["done", "failed"]);
    expect(stored?.rows[0]?.result?.ioID).toBe("7");
    const failure = stored!.rows[1]!.failure!;
    expect(failure.code).toBe("claim:reverted");
    expect(renderText("zh-Hans", failure.message)).toBe("The registration was reverted on chain.");
    expect(english(failure.action!)).toBe("Check again, then retry the failed rows.");
  });

  it("refuses a failure that is neither: a version 2 queue with sentences, or a key that is no catalog key", () => {
    const row = (failure: unknown) => ({ raw: "code-a", status: "failed", failure });
    expect(parseStoredFleet({ version: 2, chainId: 31337, owner, rows: [row({ code: "x", message: "a sentence" })] })).toBeUndefined();
    expect(parseStoredFleet({ version: 2, chainId: 31337, owner, rows: [row({ code: "x", message: { key: "<img src=x>" } })] })).toBeUndefined();
    expect(parseStoredFleet({ version: 3, chainId: 31337, owner, rows: [] })).toBeUndefined();
  });

  it("reads texts nested as deep as the app writes them, and refuses a hand-edited nesting without a bound", () => {
    const nested = (depth: number) => {
      let said: unknown = text("Reverts.deviceExists.message");
      for (let i = 0; i < depth; i++) said = { key: "Errors.untranslated", values: { detail: said } };
      return said;
    };
    const row = (message: unknown) => ({ raw: "code-a", status: "failed", failure: { code: "x", message } });
    expect(parseStoredFleet({ version: 2, chainId: 31337, owner, rows: [row(nested(3))] })).toBeDefined();
    // Thousands deep would overflow a recursive validator's stack: refused, not thrown.
    expect(parseStoredFleet({ version: 2, chainId: 31337, owner, rows: [row(nested(20_000))] })).toBeUndefined();
  });
});
