// E2E_PORT_OFFSET lets several e2e runs share a machine (parallel work, a CI run beside a dev session).
const offset = Number(process.env.E2E_PORT_OFFSET ?? 0);

/**
 * Ports of the e2e stack, apart from `npm run dev`'s (8545/3000/8000) so both can run at once. `embedHost` is a
 * second loopback origin the embed specs serve host pages from; the app allows it in EMBED_ALLOWED_ORIGINS.
 */
export const e2ePorts = { anvil: 8546 + offset, app: 3100 + offset, embedHost: 3300 + offset, verifier: 3500 + offset } as const;

/** The devnet VerifyingProxy's verifier service (scripts/verifier/) for the proxy specs. */
export const e2eVerifierUrl = `http://127.0.0.1:${e2ePorts.verifier}/verify`;

/** The one host origin the e2e app build lets embed it (the same port on `localhost` is a foreign origin). */
export const e2eEmbedHostOrigin = `http://127.0.0.1:${e2ePorts.embedHost}`;

/**
 * A name for the e2e app that looks like a deployment's (the Local Network Access spec maps it to 127.0.0.1 with
 * Chromium's --host-resolver-rules; `.test` never resolves anywhere else).
 */
export const e2ePublicAppOrigin = `http://ioid-app.test:${e2ePorts.app}`;

export const e2eRpcUrl = `http://127.0.0.1:${e2ePorts.anvil}`;

/** Each run builds into its own folder: test builds bake their RPC URL in. */
export const e2eDistDir = offset ? `.next-e2e-${offset}` : ".next-e2e";

/** Traces and screenshots per run, so parallel runs do not wipe each other's. */
export const e2eOutputDir = offset ? `./test-results/run-${offset}` : "./test-results";
