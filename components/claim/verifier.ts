// The heavy half of the claim — payload schemas, curve maths, JCS, the contract ABIs — loaded on first use,
// so /claim paints and becomes interactive without it (see the claim page's first-load figure in npm run bench).
export { parseClaimInput } from "@/lib/device/payload";
export { createHttpDeviceSession } from "@/lib/device/httpSession";
export { runClaimChecks, simulateRegister } from "@/lib/claim/runChecks";
export { claimResultFromReceipt, executePlan } from "@/lib/claim/execute";
