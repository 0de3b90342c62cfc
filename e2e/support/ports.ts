/** Ports of the e2e stack, apart from `npm run dev`'s (8545/3000/8000) so both can run at once. */
export const e2ePorts = { anvil: 8546, app: 3100 } as const;

export const e2eRpcUrl = `http://127.0.0.1:${e2ePorts.anvil}`;
