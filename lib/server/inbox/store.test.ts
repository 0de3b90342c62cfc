import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../db/database";
import { migrate } from "../db/migrate";
import { enginesUnderTest } from "../db/testing";
import { createRateLimiter } from "./rateLimit";
import { createInboxStore, type InboxStore } from "./store";

for (const engine of enginesUnderTest) {
  describe(`inbox store on ${engine.name}`, () => {
    let db: Database;
    let dispose: () => Promise<void>;
    let store: InboxStore;
    beforeAll(async () => {
      ({ db, dispose } = await engine.open());
      store = createInboxStore(db, { retentionDays: 30, maxMessagesPerDevice: 3 });
      // PGlite runs initdb in WebAssembly: seconds on an idle machine, a minute on a busy one.
    }, 300_000);
    afterAll(() => dispose());

    it("migrations are recorded and applying them again does nothing", async () => {
      expect(await migrate(db)).toEqual([]);
      const rows = await db.query<{ version: number }>("select version from schema_migrations order by version");
      expect(rows.map((r) => Number(r.version))).toEqual([1, 2]);
    });

    it("keeps tokens until they expire", async () => {
      const expiresAt = new Date(Date.now() + 60_000);
      await store.saveToken("t1", { deviceDid: "did:io:0xaa", kaKid: "did:io:0xbb#Key-p256-2", kaPublic: "04ab", signPublic: null, expiresAt });
      expect(await store.findToken("t1")).toMatchObject({ deviceDid: "did:io:0xaa", kaKid: "did:io:0xbb#Key-p256-2", signPublic: null });
      expect(await store.findToken("t1", new Date(Date.now() + 120_000))).toBeNull();
      expect(await store.findToken("nope")).toBeNull();
    });

    it("stores messages newest first and refuses the same JWE twice, also within one batch", async () => {
      const m = (digest: string, body = digest) => ({ deviceDid: "did:io:0x01", body, digest, signedByDevice: digest === "b" });
      const [a, b, again] = await Promise.all([store.insertMessage(m("a")), store.insertMessage(m("b")), store.insertMessage(m("a"))]);
      expect(a).toHaveProperty("id");
      expect(b).toHaveProperty("id");
      expect(again).toBe("replay");
      expect(await store.insertMessage(m("b"))).toBe("replay");
      // The same digest from another device is that device's own message.
      expect(await store.insertMessage({ ...m("a"), deviceDid: "did:io:0x02" })).toHaveProperty("id");
      const list = await store.listMessages("did:io:0x01", 10);
      expect(list.map((x) => [x.body, x.signedByDevice])).toEqual([["b", true], ["a", false]]);
      expect(list[0]!.receivedAt).toBeInstanceOf(Date);
    });

    it("retention keeps the newest per device and drops old ones", async () => {
      for (const d of ["c", "d", "e"]) await store.insertMessage({ deviceDid: "did:io:0x01", body: d, digest: d, signedByDevice: false });
      expect(await store.purge()).toBe(2);
      expect((await store.listMessages("did:io:0x01", 10)).map((x) => x.body)).toEqual(["e", "d", "c"]);
      expect(await store.purge(new Date(Date.now() + 31 * 86_400_000))).toBe(4);
      expect(await store.listMessages("did:io:0x01", 10)).toEqual([]);
    });
  });
}

describe("per-device rate limit", () => {
  it("allows the configured rate and refills over time", () => {
    const limiter = createRateLimiter(2);
    expect([limiter.take("d", 0), limiter.take("d", 0), limiter.take("d", 0)]).toEqual([true, true, false]);
    expect(limiter.take("other", 0)).toBe(true);
    expect(limiter.take("d", 30_000)).toBe(true);
    expect(limiter.take("d", 30_000)).toBe(false);
  });
});
