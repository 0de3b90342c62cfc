// Stands in for optional peers that wallet SDKs import dynamically but this app never uses (see next.config.ts).
module.exports = {};
