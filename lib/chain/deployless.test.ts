import { HttpRequestError, RpcRequestError } from "viem";
import { describe, expect, it } from "vitest";
import { lensOrPlain } from "./deployless";

const refusal = () => new RpcRequestError({ body: { method: "eth_call" }, error: { code: -32602, message: "missing to" }, url: "node" });
const noAnswer = () => new HttpRequestError({ url: "node", status: 502 });

/** A node whose lens calls fail with `error` and whose plain reads work; counts the lens attempts. */
function node(error: () => Error) {
  const counts = { lens: 0 };
  const read = (client: object) =>
    lensOrPlain(
      client,
      async () => {
        counts.lens++;
        throw error();
      },
      async () => "plain",
    );
  return { counts, read };
}

describe("lensOrPlain", () => {
  it("remembers a node that answers the lens with a refusal, and asks it only for plain reads after", async () => {
    const { counts, read } = node(refusal);
    const client = {};
    expect(await read(client)).toBe("plain");
    expect(await read(client)).toBe("plain");
    expect(counts.lens).toBe(1);
    // Another client (another node) is asked afresh.
    expect(await read({})).toBe("plain");
    expect(counts.lens).toBe(2);
  });

  it("does not take a lens call that got no answer for a refusal: the lens is tried again next time", async () => {
    const { counts, read } = node(noAnswer);
    const client = {};
    expect(await read(client)).toBe("plain");
    expect(await read(client)).toBe("plain");
    expect(counts.lens).toBe(2);
  });

  it("throws the lens's error when the plain reads fail too", async () => {
    await expect(lensOrPlain({}, () => Promise.reject(refusal()), () => Promise.reject(new Error("plain failed")))).rejects.toThrow("missing to");
  });
});
