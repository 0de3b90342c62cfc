// The `secp256k1` package's addon-only entry point (no JavaScript fallback); lib/server/didcomm/libsecp256k1.ts
// states the two functions it uses and checks what it gets.
declare module "secp256k1/bindings";
