import { describe, expect, it } from "vitest";
import { untranslated } from "../i18n/text";
import type { Checklist } from "./checklist";
import { claimReducer, type ClaimState } from "./machine";

const okList: Checklist = { checks: [], ok: true, signature: undefined, fee: 0n };
const badList: Checklist = { ...okList, ok: false };
const start: ClaimState<string> = { phase: "idle" };

describe("claimReducer", () => {
  it("walks a claim from input to done", () => {
    let s = claimReducer(start, { type: "input", input: "dev", source: "paste" });
    expect(s.phase).toBe("checking");
    s = claimReducer(s, { type: "checked", checklist: okList, plan: [] });
    s = claimReducer(s, { type: "submit" });
    s = claimReducer(s, { type: "prompt", step: 1 });
    s = claimReducer(s, { type: "sent", hash: "0x01" });
    expect(s).toMatchObject({ phase: "submitting", step: 1, hashes: ["0x01"] });
    s = claimReducer(s, { type: "done", result: { ioID: 1n, did: "d", device: "0x0", wallet: "0x0", txHash: "0x01" } });
    expect(s.phase).toBe("done");
  });

  it("never submits a failing checklist, and keeps the input through a failure", () => {
    let s = claimReducer(start, { type: "input", input: "dev", source: "camera" });
    s = claimReducer(s, { type: "checked", checklist: badList, plan: [] });
    expect(claimReducer(s, { type: "submit" }).phase).toBe("checked");
    s = claimReducer(s, { type: "failed", error: { code: "x", message: untranslated("m") } });
    expect(s).toMatchObject({ phase: "failed", input: "dev", source: "camera" });
    expect(claimReducer(s, { type: "recheck" })).toMatchObject({ phase: "checking", input: "dev" });
  });

  it("ignores a new input while transactions are in flight, and a rejected input keeps the picker", () => {
    let s = claimReducer(start, { type: "input", input: "a", source: "paste" });
    s = claimReducer(s, { type: "checked", checklist: okList, plan: [] });
    s = claimReducer(s, { type: "submit" });
    expect(claimReducer(s, { type: "input", input: "b", source: "paste" })).toBe(s);
    expect(claimReducer(start, { type: "input-rejected", error: { code: "bad", message: untranslated("no") } })).toMatchObject({ phase: "idle", error: { code: "bad" } });
  });
});
